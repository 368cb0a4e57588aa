// NLP.js ships no TypeScript types. These declare only what this app calls; results that come back
// from NLP.js are still parsed with zod where they are used.

declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
    register(name: string, instance: unknown, isSingleton?: boolean): void;
    get(name: string): unknown;
  }
  export function containerBootstrap(): Container;
}

declare module '@nlpjs/nlp' {
  import type { Container } from '@nlpjs/core';

  export interface NlpSettings {
    container: Container;
    languages: string[];
    autoSave?: boolean;
    autoLoad?: boolean;
    calculateSentiment?: boolean;
    forceNER?: boolean;
    nlu?: {
      log?: boolean;
      useNoneFeature?: boolean;
      spellCheck?: boolean;
      spellCheckDistance?: number;
      keepStopwords?: boolean;
    };
  }

  export class Nlp {
    constructor(settings: NlpSettings);
    addLanguage(locales: string | string[]): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<unknown>;
    export(minified?: boolean): string;
    import(json: string): void;
  }
}

declare module '@nlpjs/lang-en' {
  export class LangEn {}
  export class StemmerEn {
    stemWord(word: string): string;
  }
}
