import type { Language } from '@loyaldesk/contracts/language';
import type { Catalog } from './catalog.ts';
import { en } from './en.ts';
import { zhHans } from './zh-hans.ts';
import { zhHant } from './zh-hant.ts';

const catalogs: Record<Language, Catalog> = { en, 'zh-Hans': zhHans, 'zh-Hant': zhHant };

/** The bot's texts in `language`. */
export function catalogFor(language: Language): Catalog {
  return catalogs[language];
}
