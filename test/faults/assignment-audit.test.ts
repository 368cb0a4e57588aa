import { describe, expect, it } from 'vitest';
import { auditAssignments, type HistoryEntry } from './assignment-audit.ts';

const opened: HistoryEntry = { from: null, to: 'open', action: 'open' };
const claim = (agentId: string, from = 'open'): HistoryEntry => ({ from, to: 'assigned', action: 'claim', assigneeId: agentId });

describe('auditAssignments', () => {
  it('finds nothing wrong with one claim, a resolve, a reopen and a second claim', () => {
    const history: HistoryEntry[] = [
      opened,
      claim('a'),
      { from: 'assigned', to: 'resolved', action: 'resolve' },
      { from: 'resolved', to: 'open', action: 'reopen', assigneeId: null },
      claim('b'),
    ];
    expect(auditAssignments('t1', history, [{ agentId: 'a' }, { agentId: 'b' }])).toEqual([]);
  });

  it('reports a claim by another agent while the first still holds the ticket', () => {
    const problems = auditAssignments('t1', [opened, claim('a'), claim('b', 'assigned')], []);
    expect(problems).toEqual(['t1: claimed by b while assigned', 't1: claim by b while a held it']);
  });

  it('reports claim-next handing the same ticket to two agents with no release between', () => {
    const problems = auditAssignments('t1', [opened, claim('a')], [{ agentId: 'a' }, { agentId: 'b' }]);
    expect(problems).toEqual([
      't1: claim-next gave it out 2 times (a, b) with 0 release/reopen between',
      "t1: claim-next gave it to b, whose claim is not in its history",
    ]);
  });

  it("takes a manager's assign as a reassignment, and a release as the end of a hold", () => {
    const history: HistoryEntry[] = [
      opened,
      claim('a'),
      { from: 'assigned', to: 'assigned', action: 'assign', assigneeId: 'b' },
      { from: 'assigned', to: 'open', action: 'release', assigneeId: null },
      claim('c'),
    ];
    expect(auditAssignments('t1', history, [{ agentId: 'a' }, { agentId: 'c' }])).toEqual([]);
  });
});
