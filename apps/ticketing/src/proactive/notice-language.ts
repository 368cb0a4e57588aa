import type { Language } from '@loyaldesk/contracts/language';

/**
 * The desk language for a shopper's BCP 47 locale: Traditional Chinese for zh-Hant and the
 * regions that write it (TW, HK, MO), Simplified for other Chinese, English otherwise.
 * @example languageOfLocale('zh-TW') // 'zh-Hant'
 */
export function languageOfLocale(locale: string | undefined): Language {
  const parts = (locale ?? '').toLowerCase().split(/[-_]/);
  if (parts[0] !== 'zh') return 'en';
  if (parts.includes('hans')) return 'zh-Hans';
  if (parts.includes('hant') || parts.some((part) => part === 'tw' || part === 'hk' || part === 'mo')) return 'zh-Hant';
  return 'zh-Hans';
}
