import { z } from 'zod';

/** The languages the desk serves: English, Simplified and Traditional Chinese (BCP 47 tags). */
export const languages = ['en', 'zh-Hans', 'zh-Hant'] as const;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;
