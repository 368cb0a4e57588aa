// zod only: safe to import in a browser.
export * from './common.ts';
export * from './order.ts';
export * from './policy.ts';
export * from './customer.ts';
