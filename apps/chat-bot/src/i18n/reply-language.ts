import type { Language } from '@loyaldesk/contracts/language';

/**
 * The language to answer a message in: the language it is written in, except that a message with
 * no words of its own (an email address, an order number, "👍") keeps the conversation's language,
 * so "ada@example.com" sent in a Chinese conversation is answered in Chinese.
 * @example replyLanguage('ada@example.com', 'en', 'zh-Hant') // 'zh-Hant'
 */
export function replyLanguage(text: string, detected: Language, conversationLanguage: Language): Language {
  if (detected !== 'en') return detected;
  const withoutEntities = text.replace(/[^\s@]+@[^\s@]+/g, ' ').replace(/#?\b[A-Za-z]*\d[\w-]*\b/g, ' ');
  return /[A-Za-z]{2,}/.test(withoutEntities) ? 'en' : conversationLanguage;
}
