// zod only: safe to import in a browser.
export * from './language.ts';
export * from './issue-kind.ts';
export * from './handoff.ts';
export * from './conversation-closed.ts';
export * from './queue-names.ts';
export * from './chat-events.ts';
export * from './chat-jobs.ts';
