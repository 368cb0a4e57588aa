// What the Vitest global setup hands to every test file through inject().
declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    redisUrl: string;
  }
}

export {};
