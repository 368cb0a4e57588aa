import { io, type Socket } from 'socket.io-client';
import {
  chatClientEvents,
  chatNamespace,
  chatServerEvents,
  conversationReadyEventSchema,
  conversationUpdatedEventSchema,
  messageAckEventSchema,
  messageCreatedEventSchema,
  type ConversationState,
} from '@loyaldesk/contracts/chat-events';
import { z } from 'zod';
import type { AppInstance } from './app-instances.ts';
import type { FaultRecorder, ShopperMessageKind, ShopperMessageRecord } from './fault-records.ts';
import { ChangeSignal, jitter, sleep } from './waits.ts';

/** What an agent can ask of the shopper behind a conversation. */
export interface ConversationHandle {
  /** Stop writing new messages; resolves once the message in flight is acknowledged (or given up). */
  requestWrapUp(): Promise<void>;
  /** The agent's resolve got a 2xx: the chat should show the conversation closed. */
  agentResolved(): void;
}

/** Conversations by id, so agents reach the simulated shopper of the ticket they work. */
export type ConversationDirectory = Map<string, ConversationHandle>;

/** What every shopper shares. */
export interface ShopperWorld {
  chatInstances: readonly AppInstance[];
  recorder: FaultRecorder;
  now: () => number;
  /** Aborted when the load ends: no new messages from then on. */
  loadEnded: AbortSignal;
  /** Aborted when the drain ends: messages still unacknowledged are given up. */
  drainEnded: AbortSignal;
  /** Mean time between a shopper's messages to the agent. */
  thinkMs: number;
  directory: ConversationDirectory;
  /** The instance each shopper's socket is open on (absent while it has none). */
  locations: Map<number, string>;
}

// The widget re-sends after 10 s without an acknowledgement; so does this shopper.
const ackTimeoutMs = 10_000;
const startTimeoutMs = 15_000;
const messagesPerConversation = 40;
const probeMessagesPerConversation = 50;

const ackResponseSchema = z.union([
  messageAckEventSchema.extend({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string() }) }),
]);
const startResponseSchema = z.union([
  conversationReadyEventSchema.extend({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string() }) }),
]);

type AckOutcome = { kind: 'ack'; value: unknown } | { kind: 'timeout' } | { kind: 'closed' };

/** Emits `event` and waits for its acknowledgement, at most `timeoutMs`, or until the socket closes. */
function emitForAck(socket: Socket, event: string, payload: unknown, timeoutMs: number): Promise<AckOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: AckOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('disconnect', onClose);
      resolve(outcome);
    };
    const onClose = (): void => finish({ kind: 'closed' });
    const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
    if (!socket.connected) return finish({ kind: 'closed' });
    socket.on('disconnect', onClose);
    socket.emit(event, payload, (value: unknown) => finish({ kind: 'ack', value }));
  });
}

/**
 * One shopper, as the widget behaves: a WebSocket to a chat-bot instance; on a closed socket it
 * connects to the other instance and resumes with its session token; a message without an
 * acknowledgement is sent again with the same clientId until acknowledged or the run ends.
 * A regular shopper asks the bot one question, hands off, writes to the agent until the agent
 * wraps up, waits for the resolution, answers CSAT, and starts over. A probe is pinned to one
 * instance and asks the bot once a second until the drain ends (its acknowledgements time that
 * instance's recovery).
 */
export function runShopper(index: number, world: ShopperWorld, options: { pinnedTo?: AppInstance; startDelayMs: number }): Promise<void> {
  const { recorder, now, chatInstances } = world;
  const pinned = options.pinnedTo;
  const address = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
  const changes = new ChangeSignal();
  let preferred = index % chatInstances.length;
  let socket: Socket | null = null;
  let socketOn: AppInstance | null = null;
  let started = false;
  let conversationId: string | null = null;
  let sessionToken: string | null = null;
  let state: ConversationState | null = null;
  let sequence = 0;

  const instanceToTry = (): AppInstance => {
    const instance = pinned ?? chatInstances[preferred % chatInstances.length];
    if (!instance) throw new Error('no chat-bot instance');
    return instance;
  };
  const moveToOtherInstance = (): void => {
    if (!pinned) preferred++;
  };
  const dropSocket = (): void => {
    const closing = socket;
    world.locations.delete(index);
    socket = null;
    started = false;
    closing?.disconnect();
  };

  async function openSocket(instance: AppInstance): Promise<Socket> {
    const opened = io(`${instance.url}${chatNamespace}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 10_000,
      extraHeaders: { 'x-forwarded-for': address },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        opened.once('connect', () => resolve());
        opened.once('connect_error', reject);
      });
    } catch (error) {
      opened.disconnect();
      throw error;
    }
    opened.on('disconnect', () => {
      if (socket !== opened) return;
      world.locations.delete(index);
      socket = null;
      started = false;
      changes.notify();
    });
    opened.on(chatServerEvents.conversationUpdated, (payload: unknown) => {
      const update = conversationUpdatedEventSchema.safeParse(payload);
      if (update.success && update.data.conversationId === conversationId) {
        state = update.data.state;
        changes.notify();
      }
    });
    opened.on(chatServerEvents.messageCreated, (payload: unknown) => {
      const created = messageCreatedEventSchema.safeParse(payload);
      if (created.success && created.data.message.author.kind === 'agent') recorder.agentMessagesSeenLive.add(created.data.message.id);
    });
    return opened;
  }

  /** Connected, and the conversation started or resumed; false once `stop` aborts. */
  async function ensureStarted(stop: AbortSignal): Promise<boolean> {
    let backoffMs = 250;
    const backOff = async (): Promise<void> => {
      await sleep(jitter(backoffMs), stop);
      backoffMs = Math.min(backoffMs * 2, 2_000);
    };
    while (!stop.aborted) {
      if (socket?.connected && started) return true;
      if (!socket?.connected) {
        dropSocket();
        const instance = instanceToTry();
        try {
          socket = await openSocket(instance);
          socketOn = instance;
          world.locations.set(index, instance.label);
        } catch {
          moveToOtherInstance();
          await backOff();
          continue;
        }
      }
      const current = socket;
      const on = socketOn;
      if (!current || !on) continue;
      const resumeOf = sessionToken ? conversationId : null;
      const outcome = await emitForAck(current, chatClientEvents.start, sessionToken ? { sessionToken } : { language: 'en' }, startTimeoutMs);
      if (outcome.kind === 'closed') {
        moveToOtherInstance();
        await backOff();
        continue;
      }
      if (outcome.kind === 'timeout') {
        await backOff();
        continue;
      }
      const response = startResponseSchema.safeParse(outcome.value);
      if (!response.success || !response.data.ok) {
        await backOff();
        continue;
      }
      const ready = response.data;
      if (resumeOf !== null) {
        recorder.resumes.push({
          shopper: index,
          conversationId: resumeOf,
          returnedConversationId: ready.conversationId,
          atMs: now(),
          instance: on.label,
        });
      }
      conversationId = ready.conversationId;
      sessionToken = ready.sessionToken;
      state = ready.state;
      started = true;
      changes.notify();
      return true;
    }
    return false;
  }

  function newConversation(): void {
    dropSocket();
    conversationId = null;
    sessionToken = null;
    state = null;
    moveToOtherInstance();
  }

  /** Sends until acknowledged (same clientId every time) or the drain ends; true when acknowledged. */
  async function send(text: string, kind: ShopperMessageKind, extra: { quickReply?: string } = {}): Promise<boolean> {
    const record: ShopperMessageRecord = {
      clientId: `s${index}m${sequence++}`,
      shopper: index,
      kind,
      conversationId: conversationId ?? '',
      firstSentAtMs: now(),
      attempts: 0,
      ackedAtMs: null,
      messageIds: [],
      ackedOn: null,
      refusals: {},
      ackTimeouts: 0,
    };
    recorder.messages.push(record);
    let backoffMs = 500;
    while (!world.drainEnded.aborted) {
      if (!(await ensureStarted(world.drainEnded))) break;
      const current = socket;
      const on = socketOn;
      if (!current || !on || conversationId === null) continue;
      if (record.conversationId === '') record.conversationId = conversationId;
      record.attempts++;
      const outcome = await emitForAck(current, chatClientEvents.sendMessage, { text, clientId: record.clientId, ...extra }, ackTimeoutMs);
      if (outcome.kind !== 'ack') {
        record.ackTimeouts++;
        continue;
      }
      const response = ackResponseSchema.safeParse(outcome.value);
      if (response.success && response.data.ok) {
        const atMs = now();
        record.ackedAtMs ??= atMs;
        record.ackedOn ??= on.label;
        record.conversationId = conversationId;
        record.messageIds.push(response.data.messageId);
        recorder.acks.push({ atMs, instance: on.label, shopper: index });
        return true;
      }
      const code = response.success && !response.data.ok ? response.data.error.code : 'unparsable acknowledgement';
      record.refusals[code] = (record.refusals[code] ?? 0) + 1;
      await sleep(jitter(backoffMs), world.drainEnded);
      backoffMs = Math.min(backoffMs * 2, 4_000);
    }
    return false;
  }

  // Until the drain ends: a probe times its instance's recovery from the last fault too.
  async function probeLoop(): Promise<void> {
    while (!world.drainEnded.aborted) {
      newConversation();
      for (let sent = 0; sent < probeMessagesPerConversation && !world.drainEnded.aborted; sent++) {
        await send('How much does shipping cost to Germany?', 'probe');
        await sleep(1_000, world.drainEnded);
      }
    }
  }

  async function conversationCycle(): Promise<void> {
    const { loadEnded } = world;
    newConversation();
    if (!(await ensureStarted(loadEnded))) return;
    await send('How much does shipping cost to Germany?', 'bot');
    await sleep(jitter(world.thinkMs / 2), loadEnded);
    if (loadEnded.aborted) return;

    let handedOff = false;
    for (let attempt = 0; attempt < 3 && !handedOff && !loadEnded.aborted; attempt++) {
      await send('talk to a human', 'handoff');
      handedOff = await changes.until(() => state === 'waiting' || state === 'agent', 30_000, loadEnded);
    }
    const conversation = conversationId;
    if (!handedOff || conversation === null) {
      if (!loadEnded.aborted) recorder.handoffsNotConfirmed++;
      return;
    }
    recorder.handoffs.push({ conversationId: conversation, shopper: index, atMs: now() });

    let wrapUpRequested = false;
    let resolvedByAgent = false;
    let quiet = (): void => undefined;
    const quietNow = new Promise<void>((resolve) => {
      quiet = resolve;
    });
    world.directory.set(conversation, {
      requestWrapUp() {
        wrapUpRequested = true;
        changes.notify();
        return quietNow;
      },
      agentResolved() {
        resolvedByAgent = true;
        changes.notify();
      },
    });
    const ended = (): boolean => wrapUpRequested || state === 'closed' || conversationId !== conversation;
    try {
      for (let sent = 0; sent < messagesPerConversation && !loadEnded.aborted; sent++) {
        await changes.until(ended, jitter(world.thinkMs), loadEnded);
        if (ended() || loadEnded.aborted) break;
        await send(`message ${sent + 1} from shopper ${index}`, 'ticket');
      }
    } finally {
      quiet();
    }
    if (loadEnded.aborted || conversationId !== conversation) return;
    // The agent resolves after the wrap-up; the chat then shows the conversation closed.
    await changes.until(() => resolvedByAgent || state === 'closed', 120_000, loadEnded);
    let closed = await changes.until(() => state === 'closed', 30_000, loadEnded);
    if (!closed && resolvedByAgent && !loadEnded.aborted) {
      // As a shopper reloading the page would: resume, and read the state from the server.
      dropSocket();
      await ensureStarted(loadEnded);
      closed = await changes.until(() => state === 'closed', 10_000, loadEnded);
    }
    world.directory.delete(conversation);
    if (!closed) {
      if (resolvedByAgent && !loadEnded.aborted) recorder.resolutionsNotSeen++;
      return;
    }
    await send('5', 'survey', { quickReply: 'survey.csat.5' });
  }

  return (async () => {
    await sleep(options.startDelayMs, world.loadEnded);
    try {
      if (pinned) await probeLoop();
      else while (!world.loadEnded.aborted) await conversationCycle();
    } finally {
      dropSocket();
    }
  })();
}
