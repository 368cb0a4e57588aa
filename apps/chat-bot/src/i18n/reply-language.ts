import type { Language } from '@loyaldesk/contracts/language';
import { countScriptForms } from '../nlu/language.ts';

const isChinese = (language: Language): boolean => language === 'zh-Hans' || language === 'zh-Hant';

/**
 * The language to answer a message in: the language it is written in, except that
 * - a message with no words of its own (an email address, an order number, "👍") keeps the
 *   conversation's language, so "ada@example.com" sent in a Chinese conversation is answered in Chinese;
 * - a Chinese message whose characters both scripts write alike ("我要找真人客服") keeps a Chinese
 *   conversation's script: detection calls such text simplified, but nothing in it says so.
 * @example replyLanguage('ada@example.com', 'en', 'zh-Hant') // 'zh-Hant'
 * @example replyLanguage('我要找真人客服', 'zh-Hans', 'zh-Hant') // 'zh-Hant'
 */
export function replyLanguage(text: string, detected: Language, conversationLanguage: Language): Language {
  if (isChinese(detected)) {
    if (detected === conversationLanguage || !isChinese(conversationLanguage)) return detected;
    const { traditionalOnly, simplifiedOnly } = countScriptForms(text);
    return traditionalOnly === 0 && simplifiedOnly === 0 ? conversationLanguage : detected;
  }
  const withoutEntities = text.replace(/[^\s@]+@[^\s@]+/g, ' ').replace(/#?\b[A-Za-z]*\d[\w-]*\b/g, ' ');
  return /[A-Za-z]{2,}/.test(withoutEntities) ? 'en' : conversationLanguage;
}
