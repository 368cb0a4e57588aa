/** One entry of a ticket's `history` as stored (ticketing's `statusChangeSchema`). */
export interface HistoryEntry {
  from: string | null;
  to: string;
  action?: string;
  /** Present when the assignee changed: the new one, or null (released, reopened). */
  assigneeId?: string | null;
}

/** A claim-next answer that handed the ticket to an agent. */
export interface ClaimGrant {
  agentId: string;
}

/**
 * The ways a ticket was held by two agents at once, in words (empty when none). From its history:
 * an assignment to another agent while one holds it (no release or reopen between; a manager's
 * `assign` is a reassignment, not a double), or a claim of a ticket that was not open. From the
 * claim-next answers: more grants than the history has claims (each claim after the first needs a
 * release or reopen before it), or a grant to an agent the history never shows claiming it.
 * @example auditAssignments('t1', [{ from: 'open', to: 'assigned', action: 'claim', assigneeId: 'a' }], [{ agentId: 'a' }]) // []
 */
export function auditAssignments(ticketId: string, history: readonly HistoryEntry[], grants: readonly ClaimGrant[]): string[] {
  const problems: string[] = [];
  let holder: string | null = null;
  let releases = 0;
  const claimants = new Set<string>();
  for (const entry of history) {
    if (entry.action === 'claim' && entry.from !== 'open') {
      problems.push(`${ticketId}: claimed by ${entry.assigneeId ?? '?'} while ${entry.from ?? 'new'}`);
    }
    if (entry.action === 'release' || entry.action === 'reopen') releases++;
    if (entry.action === 'claim' && typeof entry.assigneeId === 'string') claimants.add(entry.assigneeId);
    if (entry.assigneeId === undefined) continue;
    if (entry.assigneeId === null) {
      holder = null;
      continue;
    }
    if (holder !== null && holder !== entry.assigneeId && entry.action !== 'assign') {
      problems.push(`${ticketId}: ${entry.action ?? 'assigned'} by ${entry.assigneeId} while ${holder} held it`);
    }
    holder = entry.assigneeId;
  }
  if (grants.length > 1 + releases) {
    problems.push(
      `${ticketId}: claim-next gave it out ${grants.length} times (${grants.map((grant) => grant.agentId).join(', ')}) with ${releases} release/reopen between`,
    );
  }
  for (const grant of grants) {
    if (!claimants.has(grant.agentId)) problems.push(`${ticketId}: claim-next gave it to ${grant.agentId}, whose claim is not in its history`);
  }
  return problems;
}
