import { describe, expect, it } from 'vitest';
import type { AgentReplyRecord, FaultRecord } from './fault-records.ts';
import { recoveryTimes } from './recovery-times.ts';

const reply = (atMs: number, instance: string): AgentReplyRecord => ({
  agentId: 'a1',
  ticketId: 't1',
  conversationId: 'c1',
  body: 'hi',
  atMs,
  instance,
  messageId: 'm1',
});
const faults: FaultRecord[] = [
  { kind: 'chat-bot kill -9', target: 'chat-1', startMs: 10_000, endMs: 20_000, displacedShoppers: [1] },
  { kind: 'database restart', target: 'database', startMs: 30_000, endMs: 40_000, displacedShoppers: [] },
];
const base = { chatInstances: ['chat-1', 'chat-2'], ticketingInstances: ['ticketing-1', 'ticketing-2'] };

describe('recoveryTimes', () => {
  it('times failover from the kill for the displaced shoppers, and recovery from the restart through the killed instance', () => {
    const [kill] = recoveryTimes({
      ...base,
      faults,
      acks: [
        { atMs: 10_500, instance: 'chat-2', shopper: 2 },
        { atMs: 11_200, instance: 'chat-2', shopper: 1 },
        { atMs: 23_000, instance: 'chat-1', shopper: 3 },
      ],
      replies: [],
      crashes: [],
    });
    expect(kill).toMatchObject({ failoverMs: 1_200, recoveryByPart: { 'chat-1': 3_000 }, recoveryMs: 3_000, crashed: [] });
  });

  it('needs every instance of both apps to succeed after a database restart, and counts a crashed one as not recovered', () => {
    const acks = [
      { atMs: 40_100, instance: 'chat-1', shopper: 1 },
      { atMs: 40_700, instance: 'chat-2', shopper: 2 },
    ];
    const replies = [reply(41_000, 'ticketing-1'), reply(45_000, 'ticketing-2')];
    const [, restart] = recoveryTimes({ ...base, faults, acks, replies, crashes: [] });
    expect(restart?.recoveryByPart).toEqual({ 'chat-1': 100, 'chat-2': 700, 'ticketing-1': 1_000, 'ticketing-2': 5_000 });
    expect(restart?.recoveryMs).toBe(5_000);

    const [, withCrash] = recoveryTimes({ ...base, faults, acks, replies, crashes: [{ name: 'ticketing-2', atMs: 35_000 }] });
    expect(withCrash).toMatchObject({ recoveryMs: null, crashed: ['ticketing-2'] });
    expect(withCrash?.recoveryByPart['ticketing-2']).toBeNull();
  });
});
