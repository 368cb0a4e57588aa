import type { Language } from '@loyaldesk/contracts/language';

/** The widget's own words (the bot's answers come from the server in the shopper's language). */
export interface UiStrings {
  launcher: string;
  title: string;
  placeholder: string;
  send: string;
  close: string;
  endChat: string;
  connecting: string;
  reconnecting: string;
  botTyping: string;
  agentTyping: (name: string | undefined) => string;
  queuePosition: (position: number, waitMinutes: number | null) => string;
  withAgent: string;
  waiting: string;
  closed: string;
  earlierDropped: (count: number) => string;
  tooLong: (max: number) => string;
  slowDown: string;
  notSent: string;
  you: string;
  agent: string;
}

const en: UiStrings = {
  launcher: 'Chat with us',
  title: 'Help',
  placeholder: 'Type your message…',
  send: 'Send',
  close: 'Close chat',
  endChat: 'End chat',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  botTyping: 'Assistant is typing…',
  agentTyping: (name) => `${name ?? 'An agent'} is typing…`,
  queuePosition: (position, minutes) =>
    `You're number ${position} in line${minutes === null ? '' : `, about ${minutes} min`}.`,
  withAgent: "You're chatting with a person.",
  waiting: 'Waiting for a person…',
  closed: 'This chat has ended. Write again any time.',
  earlierDropped: (count) => `${count} earlier messages are not shown.`,
  tooLong: (max) => `Messages can be at most ${max} characters.`,
  slowDown: "You're sending messages too fast. Please wait a moment.",
  notSent: 'Not sent yet; will retry when connected.',
  you: 'You',
  agent: 'Agent',
};

const zhHans: UiStrings = {
  launcher: '在线咨询',
  title: '客服',
  placeholder: '请输入消息…',
  send: '发送',
  close: '关闭聊天窗口',
  endChat: '结束对话',
  connecting: '正在连接…',
  reconnecting: '连接已断开，正在重新连接…',
  botTyping: '助手正在输入…',
  agentTyping: (name) => `${name ?? '客服'}正在输入…`,
  queuePosition: (position, minutes) =>
    `您排在第 ${position} 位${minutes === null ? '' : `，预计等待约 ${minutes} 分钟`}。`,
  withAgent: '您正在与人工客服对话。',
  waiting: '正在等待人工客服…',
  closed: '对话已结束，有需要随时留言。',
  earlierDropped: (count) => `更早的 ${count} 条消息未显示。`,
  tooLong: (max) => `每条消息最多 ${max} 个字符。`,
  slowDown: '发送太快了，请稍等片刻。',
  notSent: '尚未发送，连接恢复后将自动重试。',
  you: '我',
  agent: '客服',
};

const zhHant: UiStrings = {
  launcher: '線上諮詢',
  title: '客服',
  placeholder: '請輸入訊息…',
  send: '傳送',
  close: '關閉聊天視窗',
  endChat: '結束對話',
  connecting: '連線中…',
  reconnecting: '連線中斷，正在重新連線…',
  botTyping: '助理正在輸入…',
  agentTyping: (name) => `${name ?? '客服'}正在輸入…`,
  queuePosition: (position, minutes) =>
    `您排在第 ${position} 位${minutes === null ? '' : `，預計等候約 ${minutes} 分鐘`}。`,
  withAgent: '您正在與真人客服對話。',
  waiting: '正在等候真人客服…',
  closed: '對話已結束，有需要隨時留言。',
  earlierDropped: (count) => `較早的 ${count} 則訊息未顯示。`,
  tooLong: (max) => `每則訊息最多 ${max} 個字元。`,
  slowDown: '傳送太快了，請稍候片刻。',
  notSent: '尚未送出，連線恢復後將自動重試。',
  you: '我',
  agent: '客服',
};

/**
 * The widget's language from a BCP 47 tag (the script's data-language, the page's lang, or the
 * browser's): Taiwan, Hong Kong, Macau and "Hant" are traditional; other Chinese is simplified.
 * @example widgetLanguage('zh-TW') // 'zh-Hant'
 */
export function widgetLanguage(tag: string | null | undefined): Language {
  const value = (tag ?? '').toLowerCase();
  if (!value.startsWith('zh')) return 'en';
  return /hant|-tw|-hk|-mo/.test(value) ? 'zh-Hant' : 'zh-Hans';
}

export function uiStrings(language: Language): UiStrings {
  return language === 'zh-Hans' ? zhHans : language === 'zh-Hant' ? zhHant : en;
}
