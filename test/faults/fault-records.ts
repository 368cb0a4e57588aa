import type { ProcessExit } from './fault-servers.ts';
import type { FaultKind } from './fault-schedule.ts';

// What a run observed from the outside, kept by id so the checks can compare it with the database.
// Times are milliseconds on the run's clock (0 = the suite started).

/**
 * Why a shopper sent a message: `bot` and `probe` before any handoff (probes are the shoppers
 * pinned to one chat-bot instance to time its recovery), `handoff` the request for a person,
 * `ticket` after the conversation was handed off (it must reach the ticket), `survey` the CSAT answer.
 */
export type ShopperMessageKind = 'bot' | 'probe' | 'handoff' | 'ticket' | 'survey';

/** One shopper message (one clientId), across every attempt to send it. */
export interface ShopperMessageRecord {
  clientId: string;
  shopper: number;
  kind: ShopperMessageKind;
  /** The conversation the first acknowledgement was for (the one it was sent in, until then). */
  conversationId: string;
  firstSentAtMs: number;
  attempts: number;
  ackedAtMs: number | null;
  /** Every message id an acknowledgement returned for this clientId (more than one = stored twice). */
  messageIds: string[];
  ackedOn: string | null;
  /** Refusals by error code (`loyaldesk:rate_limited`, `loyaldesk:internal_error`…). */
  refusals: Record<string, number>;
  /** Attempts that got no acknowledgement in time (or whose socket closed first). */
  ackTimeouts: number;
}

/** One acknowledgement as it arrived: when, on which instance, for whom. */
export interface AckEvent {
  atMs: number;
  instance: string;
  shopper: number;
}

/** A reply that got a 2xx; those on a chat ticket must reach the conversation. */
export interface AgentReplyRecord {
  agentId: string;
  ticketId: string;
  /** null: a probe's web ticket (no conversation to reach). */
  conversationId: string | null;
  body: string;
  atMs: number;
  instance: string;
  /** The ticket message id from the 2xx response; null if the response did not show it. */
  messageId: string | null;
}

/** A claim-next that gave `agentId` the ticket. */
export interface ClaimRecord {
  agentId: string;
  ticketId: string;
  conversationId: string | null;
  atMs: number;
  instance: string;
}

/** One HTTP request of an agent to ticketing. */
export interface HttpRecord {
  startMs: number;
  endMs: number;
  instance: string;
  method: string;
  route: string;
  /** null: no answer (refused, reset, or no response within the client's timeout). */
  status: number | null;
  retryAfter: string | null;
  error: string | null;
  /** Whether the instance was `up` both when the request was sent and when it ended. */
  instanceUp: boolean;
  timedOut: boolean;
}

/** A conversation the shopper saw handed off (state `waiting` or `agent`). */
export interface HandoffRecord {
  conversationId: string;
  shopper: number;
  atMs: number;
}

/** A resume (conversation.start with a session token) and what it returned. */
export interface ResumeRecord {
  shopper: number;
  conversationId: string;
  returnedConversationId: string;
  atMs: number;
  instance: string;
}

export interface FaultRecord {
  kind: FaultKind;
  /** The instance or server it hit. */
  target: string;
  startMs: number;
  /** When the instance or server answered again. */
  endMs: number | null;
  /** Shoppers whose socket was on a killed chat-bot instance. */
  displacedShoppers: number[];
}

/** Everything a run recorded; the checks read it with the database. */
export interface FaultRecorder {
  messages: ShopperMessageRecord[];
  acks: AckEvent[];
  replies: AgentReplyRecord[];
  /** First attempt to resolve each conversation's ticket (later acks are not expected on the ticket). */
  resolveRequestedAtMs: Map<string, number>;
  claims: ClaimRecord[];
  http: HttpRecord[];
  handoffs: HandoffRecord[];
  resumes: ResumeRecord[];
  faults: FaultRecord[];
  unexpectedExits: ProcessExit[];
  /** Restarts of a crashed instance that exited again before answering (e.g. Redis still down). */
  failedRestarts: { name: string; atMs: number; reason: string }[];
  /** Agent messages shoppers received live on their socket, by message id. */
  agentMessagesSeenLive: Set<string>;
  /** Handoffs the shopper asked for but never saw happen. */
  handoffsNotConfirmed: number;
  /** Resolutions (2xx) the shopper's chat never showed as closed within the wait. */
  resolutionsNotSeen: number;
}

export function newRecorder(): FaultRecorder {
  return {
    messages: [],
    acks: [],
    replies: [],
    resolveRequestedAtMs: new Map(),
    claims: [],
    http: [],
    handoffs: [],
    resumes: [],
    faults: [],
    unexpectedExits: [],
    failedRestarts: [],
    agentMessagesSeenLive: new Set(),
    handoffsNotConfirmed: 0,
    resolutionsNotSeen: 0,
  };
}
