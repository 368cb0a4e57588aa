// zod only: safe to import in a browser.
export * from './language.ts';
export * from './issue-kind.ts';
export * from './delivery-problem.ts';
export * from './delivery-notice.ts';
export * from './handoff.ts';
export * from './conversation-closed.ts';
export * from './queue-names.ts';
export * from './chat-events.ts';
export * from './chat-jobs.ts';
export * from './tier.ts';
export * from './money.ts';
export * from './timestamp.ts';
export * from './agents-api.ts';
export * from './tickets-api.ts';
export * from './metrics-api.ts';
export * from './policies.ts';
export * from './agents-events.ts';
