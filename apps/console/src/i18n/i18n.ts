import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zh } from './zh.ts';

/** The console's UI languages; `zh` is Simplified Chinese. */
export const uiLanguages = ['en', 'zh'] as const;
export type UiLanguage = (typeof uiLanguages)[number];
export const uiLanguageLabels: Record<UiLanguage, string> = { en: 'English', zh: '简体中文' };
/** BCP 47 tags for Intl and the html lang attribute. */
export const localeOf: Record<UiLanguage, string> = { en: 'en-US', zh: 'zh-CN' };

const storageKey = 'loyaldesk-console-language';

/** The language to start in: the saved choice, else the browser's (Chinese → zh), else English. */
export function initialLanguage(saved: string | null, browser: readonly string[]): UiLanguage {
  if (saved === 'en' || saved === 'zh') return saved;
  return browser.some((tag) => tag.toLowerCase().startsWith('zh')) ? 'zh' : 'en';
}

function savedLanguage(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** Sets up i18next for the app (call once before rendering). */
export async function setupI18n(): Promise<void> {
  const language = initialLanguage(savedLanguage(), typeof navigator === 'undefined' ? [] : navigator.languages);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, zh: { translation: zh } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = localeOf[language];
}

/** Switches the UI language and remembers the choice. */
export async function switchLanguage(language: UiLanguage): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = localeOf[language];
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
}

/** The current UI language. */
export function currentLanguage(): UiLanguage {
  return i18next.language === 'zh' ? 'zh' : 'en';
}
