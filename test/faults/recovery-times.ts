import type { AckEvent, AgentReplyRecord, FaultRecord } from './fault-records.ts';

/** A successful end-to-end operation: a shopper message acknowledged, or an agent reply answered 2xx. */
export interface Success {
  atMs: number;
  instance: string;
  /** The shopper, for acknowledgements. */
  shopper?: number;
  /** A reply on a chat ticket (not a probe's). */
  chat?: boolean;
}

export interface FaultRecovery {
  fault: FaultRecord;
  /** Fault start → the first success of the clients it displaced (shoppers on it; agents), on the other instance (kills only). */
  failoverMs: number | null;
  /** Fault end (the instance or server answering again) → the first success through each affected part. */
  recoveryByPart: Record<string, number | null>;
  /** The slowest part's recovery; null when some part never recovered (or crashed). */
  recoveryMs: number | null;
  /** Affected parts that crashed between this fault's start and the next fault's (restarted by the suite, so not recovered). */
  crashed: string[];
  /** Successes during the fault (start to end), anywhere. */
  successesDuringFault: number;
}

/**
 * How long each fault took to get over, from the successes around it. The affected parts: a killed
 * instance (successes through it once restarted), or every instance of both apps after a Redis
 * or database restart ("both apps recover without restart").
 */
export function recoveryTimes(input: {
  faults: readonly FaultRecord[];
  acks: readonly AckEvent[];
  replies: readonly AgentReplyRecord[];
  chatInstances: readonly string[];
  ticketingInstances: readonly string[];
  /** Processes that exited unexpectedly: which, and when. */
  crashes: readonly { name: string; atMs: number }[];
}): FaultRecovery[] {
  const acks: Success[] = [...input.acks].sort((a, b) => a.atMs - b.atMs);
  const replies: Success[] = input.replies
    .map((reply) => ({ atMs: reply.atMs, instance: reply.instance, chat: reply.conversationId !== null }))
    .sort((a, b) => a.atMs - b.atMs);
  const firstAfter = (list: readonly Success[], fromMs: number, where: (success: Success) => boolean): number | null => {
    const found = list.find((success) => success.atMs >= fromMs && where(success));
    return found ? found.atMs - fromMs : null;
  };

  return input.faults.map((fault, index) => {
    const end = fault.endMs;
    const nextStart = input.faults[index + 1]?.startMs ?? Number.POSITIVE_INFINITY;
    const during = (list: readonly Success[]): number =>
      list.filter((success) => success.atMs >= fault.startMs && success.atMs <= (end ?? Number.POSITIVE_INFINITY)).length;
    const recoveryByPart: Record<string, number | null> = {};
    let failoverMs: number | null = null;
    if (fault.kind === 'chat-bot kill -9') {
      const displaced = new Set(fault.displacedShoppers);
      failoverMs = firstAfter(acks, fault.startMs, (ack) => ack.instance !== fault.target && displaced.has(ack.shopper ?? -1));
      recoveryByPart[fault.target] = end === null ? null : firstAfter(acks, end, (ack) => ack.instance === fault.target);
    } else if (fault.kind === 'ticketing kill -9') {
      // The agents' own replies (the probe on the other instance never left it).
      failoverMs = firstAfter(replies, fault.startMs, (reply) => reply.instance !== fault.target && reply.chat === true);
      recoveryByPart[fault.target] = end === null ? null : firstAfter(replies, end, (reply) => reply.instance === fault.target);
    } else {
      for (const instance of input.chatInstances) {
        recoveryByPart[instance] = end === null ? null : firstAfter(acks, end, (ack) => ack.instance === instance);
      }
      for (const instance of input.ticketingInstances) {
        recoveryByPart[instance] = end === null ? null : firstAfter(replies, end, (reply) => reply.instance === instance);
      }
    }
    const crashed = Object.keys(recoveryByPart).filter((part) =>
      input.crashes.some((crash) => crash.name === part && crash.atMs >= fault.startMs && crash.atMs < nextStart),
    );
    for (const part of crashed) recoveryByPart[part] = null;
    const parts = Object.values(recoveryByPart);
    const recovered = parts.filter((value): value is number => value !== null);
    const recoveryMs = parts.length > 0 && recovered.length === parts.length ? Math.max(...recovered) : null;
    return { fault, failoverMs, recoveryByPart, recoveryMs, crashed, successesDuringFault: during(acks) + during(replies) };
  });
}
