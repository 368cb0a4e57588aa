export * from './errors.ts';
export * from './env.ts';
export { createLogger, type Logger } from './logger.ts';
