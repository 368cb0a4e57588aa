import { randomBytes } from 'node:crypto';
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { quickReplySchema } from '@loyaldesk/contracts/chat-events';
import { languageSchema, type Language } from '@loyaldesk/contracts/language';
import { z } from 'zod';
import type { BotReply } from '../answers/bot-reply.ts';

/** The channel id our activities carry. */
export const socketIoChannelId = 'loyaldesk-socket.io';

/** Where the adapter sends what the bot says: store it, then show it in the conversation's room. */
export interface BotOutput {
  deliver(conversationId: string, replies: BotReply[]): Promise<Array<{ id: string }>>;
  typing(conversationId: string, typing: boolean): void;
}

// What our dialog layer puts in an outgoing activity's channelData (parsed, never trusted blindly).
const outgoingChannelDataSchema = z.object({
  language: languageSchema,
  quickReplies: z.array(quickReplySchema).optional(),
});

// Built once: a zod schema built per typing activity was compiled (`new Function`) on every parse.
const typingChannelDataSchema = z.object({ typing: z.boolean() });

// Activity ids only key a turn inside this process: a random prefix and a counter, not 8 random bytes per turn.
const activityIdPrefix = `act_${randomBytes(6).toString('hex')}_`;
let activitySeq = 0;

/** The channelData of an outgoing message activity, for `bot.say({ text, channelData })`. */
export function replyChannelData(reply: BotReply): { language: Language; quickReplies?: BotReply['quickReplies'] } {
  return { language: reply.language, ...(reply.quickReplies ? { quickReplies: reply.quickReplies } : {}) };
}

// Botkit 4.15's `bot.say` runs our `sendActivities` inside a callback whose promise nobody awaits:
// a rejection there is unhandled (ending the process) and `say` never settles. So a delivery
// failure is not thrown; it is left on the turn for the dialog layer to rethrow (see `takeDeliveryFailure`).
const deliveryFailureKey = Symbol('loyaldesk.deliveryFailure');

/** The delivery failure of this turn, if any, cleared once taken. */
export function takeDeliveryFailure(context: unknown): unknown {
  if (!(context instanceof TurnContext)) return undefined;
  const failure: unknown = context.turnState.get(deliveryFailureKey);
  context.turnState.delete(deliveryFailureKey);
  return failure;
}

/** An incoming activity for one conversation (shopper message or event), as the transport builds it. */
export function incomingActivity(input: {
  conversationId: string;
  type: 'message' | 'event';
  name?: string;
  text?: string;
  at: Date;
}): Partial<Activity> {
  return {
    type: input.type === 'message' ? ActivityTypes.Message : ActivityTypes.Event,
    id: `${activityIdPrefix}${(++activitySeq).toString(36)}`,
    channelId: socketIoChannelId,
    conversation: { id: input.conversationId, isGroup: false, conversationType: 'chat', name: input.conversationId },
    from: { id: input.conversationId, name: 'shopper', role: 'user' },
    recipient: { id: 'loyaldesk-bot', name: 'bot', role: 'bot' },
    timestamp: input.at,
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.name ? { name: input.name, channelData: { botkitEventType: input.name } } : {}),
  };
}

/**
 * A Bot Framework adapter (the interface Botkit drives) for our Socket.IO transport: incoming
 * socket events become activities (`processActivity`), and the activities the bot sends become
 * stored transcript messages shown in the conversation's room (`sendActivities`), or typing
 * indicators. Botkit's own web adapter speaks raw websockets; this one speaks our contract.
 */
export class SocketIoBotAdapter extends BotAdapter {
  readonly name = 'loyaldesk Socket.IO adapter';

  constructor(private readonly output: BotOutput) {
    super();
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    try {
      return await this.send(activities);
    } catch (error) {
      context.turnState.set(deliveryFailureKey, error);
      return activities.map(() => ({ id: '' }));
    }
  }

  private async send(activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    // Consecutive messages of one conversation are stored in one write.
    let batch: { conversationId: string; replies: BotReply[] } | null = null;
    const flush = async (): Promise<void> => {
      if (!batch) return;
      const stored = await this.output.deliver(batch.conversationId, batch.replies);
      responses.push(...stored.map((message) => ({ id: message.id })));
      batch = null;
    };
    for (const activity of activities) {
      const conversationId = activity.conversation?.id;
      if (!conversationId) throw new Error('an outgoing activity has no conversation id');
      if (activity.type === ActivityTypes.Typing) {
        await flush();
        const typing = typingChannelDataSchema.safeParse(activity.channelData);
        this.output.typing(conversationId, typing.success ? typing.data.typing : true);
        responses.push({ id: '' });
        continue;
      }
      if (activity.type !== ActivityTypes.Message || !activity.text) {
        responses.push({ id: '' });
        continue;
      }
      const channelData = outgoingChannelDataSchema.parse(activity.channelData);
      const reply: BotReply = {
        body: activity.text,
        language: channelData.language,
        ...(channelData.quickReplies ? { quickReplies: channelData.quickReplies } : {}),
      };
      if (batch && batch.conversationId !== conversationId) await flush();
      batch ??= { conversationId, replies: [] };
      batch.replies.push(reply);
    }
    await flush();
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('The chat transcript is append-only: messages are not edited');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('The chat transcript is append-only: messages are not deleted');
  }

  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** Runs one turn: the activity through the adapter's middleware into `logic` (Botkit's `handleTurn`). */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
