import type { AckEvent, AgentReplyRecord, FaultRecord } from './fault-records.ts';

/** A successful end-to-end operation: a shopper message acknowledged, or an agent reply answered 2xx. */
export interface Success {
  atMs: number;
  instance: string;
  /** The shopper, for acknowledgements. */
  shopper?: number;
}

export interface FaultRecovery {
  fault: FaultRecord;
  /** Fault start → the first success of the clients it displaced, on the other instance (kills only). */
  failoverMs: number | null;
  /** Fault end (the instance or server answering again) → the first success through each affected part. */
  recoveryByPart: Record<string, number | null>;
  /** The slowest part's recovery; null when some part never recovered. */
  recoveryMs: number | null;
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
}): FaultRecovery[] {
  const acks: Success[] = [...input.acks].sort((a, b) => a.atMs - b.atMs);
  const replies: Success[] = input.replies
    .map((reply) => ({ atMs: reply.atMs, instance: reply.instance }))
    .sort((a, b) => a.atMs - b.atMs);
  const firstAfter = (list: readonly Success[], fromMs: number, where: (success: Success) => boolean): number | null => {
    const found = list.find((success) => success.atMs >= fromMs && where(success));
    return found ? found.atMs - fromMs : null;
  };

  return input.faults.map((fault) => {
    const end = fault.endMs;
    const during = (list: readonly Success[]): number =>
      list.filter((success) => success.atMs >= fault.startMs && success.atMs <= (end ?? Number.POSITIVE_INFINITY)).length;
    const recoveryByPart: Record<string, number | null> = {};
    let failoverMs: number | null = null;
    if (fault.kind === 'chat-bot kill -9') {
      const displaced = new Set(fault.displacedShoppers);
      failoverMs = firstAfter(acks, fault.startMs, (ack) => ack.instance !== fault.target && displaced.has(ack.shopper ?? -1));
      recoveryByPart[fault.target] = end === null ? null : firstAfter(acks, end, (ack) => ack.instance === fault.target);
    } else if (fault.kind === 'ticketing kill -9') {
      failoverMs = firstAfter(replies, fault.startMs, (reply) => reply.instance !== fault.target);
      recoveryByPart[fault.target] = end === null ? null : firstAfter(replies, end, (reply) => reply.instance === fault.target);
    } else {
      for (const instance of input.chatInstances) {
        recoveryByPart[instance] = end === null ? null : firstAfter(acks, end, (ack) => ack.instance === instance);
      }
      for (const instance of input.ticketingInstances) {
        recoveryByPart[instance] = end === null ? null : firstAfter(replies, end, (reply) => reply.instance === instance);
      }
    }
    const parts = Object.values(recoveryByPart);
    const recovered = parts.filter((value): value is number => value !== null);
    const recoveryMs = parts.length > 0 && recovered.length === parts.length ? Math.max(...recovered) : null;
    return { fault, failoverMs, recoveryByPart, recoveryMs, successesDuringFault: during(acks) + during(replies) };
  });
}
