import type { Storage, StoreItems } from 'botbuilder';
import type { Botkit, BotkitMessage, BotWorker } from 'botkit';
import type { TicketResolvedEvent } from '@loyaldesk/contracts/chat-events';
import type { BotReply } from '../answers/bot-reply.ts';
import { isHandedOff, type Conversation, type StoredMessage } from '../conversations/conversation.ts';
import type { TurnOrigin } from '../conversations/action-handler.ts';
import type { ConversationService } from '../conversations/conversation-service.ts';
import { isDialogTurn, type TurnPlan } from '../conversations/plan-turn.ts';
// Types only: the adapter's module extends botbuilder's BotAdapter, so it loads with Botkit (see `startBotkit`).
import type * as BotAdapterModule from '../transport/socket-io-bot-adapter.ts';
import type { BotOutput } from '../transport/socket-io-bot-adapter.ts';

/** The turns the transport asks the dialog layer to run. */
export interface DialogRunner {
  /**
   * A stored shopper message: the bot answers (or forwards it to the agent). Turns of a dialog run
   * through Botkit; a single question answered in one reply is answered directly (`isDialogTurn`).
   */
  shopperMessage(turn: {
    conversation: Conversation;
    message: StoredMessage;
    quickReply: string | undefined;
    origin: TurnOrigin;
  }): Promise<void>;
  /** The shopper ended the chat. */
  conversationEnded(conversation: Conversation, origin: TurnOrigin): Promise<void>;
  /** Ticketing resolved the conversation's ticket. */
  ticketResolved(conversationId: string, event: TicketResolvedEvent): Promise<void>;
}

/** Botkit's events for our turns (a message turn is Botkit's own `message`). */
const dialogEvents = {
  ended: 'conversation.ended',
  ticketResolved: 'ticket.resolved',
} as const;

type TurnWork = (bot: BotWorker) => Promise<void>;

interface PendingTurn {
  work: TurnWork;
  error?: unknown;
}

/**
 * Where botbuilder-dialogs (under Botkit) caches its memory-scope configuration for one turn. It
 * builds it on every turn by checking every registered component with zod (most checks fail, each
 * a ZodError with a stack): about a seventh of a turn's CPU under load. The scopes and resolvers
 * are stateless and the same on every turn, so the first turn's is handed to every later one.
 */
const dialogStateConfigurationKey = 'DialogStateManagerConfiguration';

/** The bot shows typing dots only when its answer is not ready by then (the widget hides them at the answer). */
export const typingDelayMs = 250;

/** Whether `work` is still running after `ms` (a failure counts as done: the caller awaits `work` itself). */
async function slowerThan(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      work.then(
        () => false,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A turn that has not finished by then is reported as failed, so its conversation's queue moves on. */
const turnTimeoutMs = 30_000;

/**
 * Botkit's dialog state would live here. Our conversation state is in MongoDB (every instance sees
 * it), and Botkit only routes, so nothing is kept: no memory that grows with conversations.
 */
class NoDialogStateStorage implements Storage {
  async read(): Promise<StoreItems> {
    return {};
  }
  async write(): Promise<void> {}
  async delete(): Promise<void> {}
}

/** Botkit and our adapter, started: what a dialog turn runs through. */
interface StartedBotkit {
  adapter: BotAdapterModule.SocketIoBotAdapter;
  controller: Botkit;
  incomingActivity: typeof BotAdapterModule.incomingActivity;
  replyChannelData: typeof BotAdapterModule.replyChannelData;
  takeDeliveryFailure: typeof BotAdapterModule.takeDeliveryFailure;
}

/**
 * Loads Botkit, the Bot Framework SDK under it and our adapter, and starts the controller routing
 * to `route`. Called on the first dialog turn, not at start: they are ~60 MB of the process's
 * memory (a few thousand modules), and a process that only answers single questions never needs them.
 */
async function startBotkit(
  output: BotOutput,
  route: (bot: BotWorker, message: BotkitMessage) => Promise<void>,
  events: readonly string[],
): Promise<StartedBotkit> {
  const [{ Botkit }, adapterModule] = await Promise.all([
    import('botkit'),
    import('../transport/socket-io-bot-adapter.ts'),
  ]);
  /**
   * Botkit with no state to save after a turn (see {@link NoDialogStateStorage}). Botkit's own
   * `saveState` has botbuilder build `{ [storageKey]: state }`, keyed by the conversation, on every
   * turn. To V8 each new first property of a `{}` is a transition from the one root object map, and
   * past 1,536 of them it stops recording any: then every `{}` given a new first property anywhere
   * in the process (the MongoDB driver's option objects, a stored message) gets its own hidden class
   * on every call, allocated in the old generation. A thousand conversations got there.
   */
  class StatelessBotkit extends Botkit {
    override async saveState(): Promise<void> {}
  }
  const adapter = new adapterModule.SocketIoBotAdapter(output);
  const controller = new StatelessBotkit({
    adapter,
    storage: new NoDialogStateStorage(),
    disable_webserver: true,
    disable_console: true,
  });
  controller.on('message', route);
  controller.on([...events], route);
  await new Promise<void>((resolve) => controller.ready(() => resolve()));
  return {
    adapter,
    controller,
    incomingActivity: adapterModule.incomingActivity,
    replyChannelData: adapterModule.replyChannelData,
    takeDeliveryFailure: adapterModule.takeDeliveryFailure,
  };
}

/**
 * The dialog layer: Botkit (4.15, pinned; no longer developed) drives each dialog turn (and the
 * conversation events: ended, ticket resolved) through our Socket.IO adapter and routes it by type
 * to the plain conversation service, which holds every rule and knows nothing of Botkit. (The
 * greeting is no turn: the transport shows it before the conversation is stored.) What the service answers goes out through `bot.say`, i.e. the adapter's
 * `sendActivities`: stored, then shown in the conversation's room. A single question answered in
 * one reply goes the same way to the same output without a Botkit turn (`isDialogTurn`), and
 * Botkit is loaded only by the first dialog turn.
 */
export async function createBotkitDialog(service: ConversationService, output: BotOutput): Promise<DialogRunner> {
  // Each turn's inputs, by activity id, for the handler Botkit routes the activity to.
  const pending = new Map<string, PendingTurn>();
  let dialogStateConfiguration: unknown;
  let started: Promise<StartedBotkit> | undefined;
  let botkit: StartedBotkit | undefined;

  async function say(bot: BotWorker, replies: readonly BotReply[]): Promise<void> {
    if (!botkit) throw new Error('Botkit is not started');
    for (const reply of replies) {
      await bot.say({ text: reply.body, channelData: botkit.replyChannelData(reply) });
      const failure = botkit.takeDeliveryFailure(bot.getConfig('context'));
      if (failure !== undefined) throw failure;
    }
  }

  // Botkit 4.15 runs handlers inside a middleware callback whose promise nobody awaits: an error
  // thrown there becomes an unhandled rejection (which ends the process) and the turn never
  // settles. So a handler never throws into Botkit; the error is kept and rethrown after the turn.
  const route = async (bot: BotWorker, message: BotkitMessage): Promise<void> => {
    const turn = pending.get(message.incoming_message.id ?? '');
    if (!turn) return;
    try {
      await turn.work(bot);
    } catch (error) {
      turn.error = error;
    }
  };
  // Started once, by the first dialog turn; a failed start is not remembered, the next turn tries again.
  async function ensureBotkit(): Promise<StartedBotkit> {
    started ??= startBotkit(output, route, Object.values(dialogEvents)).catch((error: unknown) => {
      started = undefined;
      throw error;
    });
    botkit = await started;
    return botkit;
  }

  async function runTurn(
    conversationId: string,
    type: 'message' | 'event',
    name: string | undefined,
    text: string | undefined,
    work: TurnWork,
  ) {
    const { adapter, controller, incomingActivity } = await ensureBotkit();
    const activity = incomingActivity({
      conversationId,
      type,
      ...(name ? { name } : {}),
      ...(text !== undefined ? { text } : {}),
      at: new Date(),
    });
    const id = activity.id ?? '';
    const turn: PendingTurn = { work };
    pending.set(id, turn);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        adapter.processActivity(activity, async (context) => {
          if (dialogStateConfiguration !== undefined)
            context.turnState.set(dialogStateConfigurationKey, dialogStateConfiguration);
          await controller.handleTurn(context);
          dialogStateConfiguration ??= context.turnState.get(dialogStateConfigurationKey) as unknown;
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`the dialog turn did not finish within ${turnTimeoutMs} ms`)),
            turnTimeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
      pending.delete(id);
    }
    if (turn.error !== undefined) throw turn.error;
  }

  /**
   * Answers a planned shopper message: the service carries the plan out, and `send` delivers the
   * replies (stored, then shown). Typing dots only for an answer that takes a while: most are
   * ready in a few ms, and the dots (a socket write and a Redis publish each way) were a third of
   * a turn's emits.
   */
  async function answer(
    turn: { conversation: Conversation; message: StoredMessage; plan: TurnPlan; origin: TurnOrigin },
    send: { replies(replies: readonly BotReply[]): Promise<void>; typing(typing: boolean): Promise<void> },
  ): Promise<void> {
    const { conversation } = turn;
    const answersItself = !isHandedOff(conversation);
    try {
      const answering = service.respond(conversation, turn.message, turn.plan, turn.origin);
      const typingShown = answersItself && (await slowerThan(answering, typingDelayMs));
      if (typingShown) await send.typing(true);
      const replies = await answering;
      if (typingShown && replies.length === 0) await send.typing(false);
      await send.replies(replies);
    } finally {
      // Written with the first reply; if none was stored, the turn's outcome goes with it.
      service.forgetTurnOutcome(conversation.id);
    }
  }

  return {
    async shopperMessage({ conversation, message, quickReply, origin }) {
      const plan = await service.plan(conversation, message, quickReply);
      const turn = { conversation, message, plan, origin };
      // A single question answered in one reply is no dialog: Botkit's turn (dialog context, worker,
      // three middleware chains, state save, send pipeline) would cost ~0.45 ms of CPU and do nothing
      // for it, about a third of an answer's CPU at 1,000 shoppers (`npm run bench -- chat`). Every
      // turn that opens or continues a dialog runs through Botkit.
      if (!isDialogTurn(conversation, plan)) {
        return answer(turn, {
          async replies(replies) {
            if (replies.length > 0) await output.deliver(conversation.id, [...replies]);
          },
          async typing(typing) {
            output.typing(conversation.id, typing);
          },
        });
      }
      return runTurn(conversation.id, 'message', undefined, message.body, (bot) =>
        answer(turn, {
          replies: (replies) => say(bot, replies),
          async typing(typing) {
            await bot.say({ type: 'typing', channelData: { typing } });
          },
        }),
      );
    },
    conversationEnded(conversation, origin) {
      return runTurn(conversation.id, 'event', dialogEvents.ended, undefined, async (bot) =>
        say(bot, await service.end(conversation, origin)),
      );
    },
    ticketResolved(conversationId, event) {
      return runTurn(conversationId, 'event', dialogEvents.ticketResolved, undefined, async (bot) =>
        say(bot, await service.ticketResolved(conversationId, event)),
      );
    },
  };
}
