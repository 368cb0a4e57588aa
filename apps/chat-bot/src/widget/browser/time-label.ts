import type { Language } from '@loyaldesk/contracts/language';

const locales: Record<Language, string> = { en: 'en-US', 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW' };

/**
 * When a message was sent, as the shopper reads it: the time today ("3:04 PM", "15:04"), the
 * date and time before today ("Mar 3, 3:04 PM", "3月3日 15:04"); '' for an unreadable time.
 */
export function timeLabel(at: string, now: Date, language: Language, timeZone?: string): string {
  const when = new Date(at);
  if (Number.isNaN(when.getTime())) return '';
  const zone = timeZone ? { timeZone } : {};
  const day = new Intl.DateTimeFormat(locales[language], { dateStyle: 'short', ...zone });
  const sameDay = day.format(when) === day.format(now);
  return new Intl.DateTimeFormat(locales[language], {
    ...(sameDay ? {} : { month: 'short', day: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
    ...zone,
  }).format(when);
}
