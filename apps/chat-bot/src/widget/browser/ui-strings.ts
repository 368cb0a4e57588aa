import type { Language } from '@loyaldesk/contracts/language';
import type { SurveyQuestion } from './survey-scale.ts';

/** The widget's own words (the bot's answers come from the server in the shopper's language). */
export interface UiStrings {
  launcher: string;
  launcherUnread: (count: number) => string;
  /** The panel's title when the script tag names no shop. */
  title: string;
  assistant: string;
  assistantStatus: string;
  agentStatus: string;
  waitingStatus: string;
  closedStatus: string;
  offlineStatus: string;
  placeholder: string;
  inputLabel: string;
  send: string;
  close: string;
  endChat: string;
  messagesLabel: string;
  quickRepliesLabel: string;
  connecting: string;
  reconnecting: string;
  botTyping: string;
  agentTyping: (name: string | undefined) => string;
  queuePlace: (position: number) => string;
  queueWait: (waitMinutes: number | null) => string;
  queueHint: string;
  withAgent: string;
  waiting: string;
  closed: string;
  earlierDropped: (count: number) => string;
  tooLong: (max: number) => string;
  slowDown: string;
  notSent: string;
  sending: string;
  sent: string;
  failed: string;
  retry: string;
  you: string;
  agent: string;
  /** What a screen reader hears when a message arrives. */
  announce: (author: string, body: string) => string;
  surveyGroup: Record<SurveyQuestion, string>;
  /** The words under the two ends of a survey scale. */
  surveyEnds: Record<SurveyQuestion, [string, string]>;
  stars: (count: number, max: number) => string;
  score: (value: number, max: number) => string;
}

const en: UiStrings = {
  launcher: 'Chat with us',
  launcherUnread: (count) => `Chat with us, ${count} unread ${count === 1 ? 'message' : 'messages'}`,
  title: 'Help',
  assistant: 'Assistant',
  assistantStatus: 'Online',
  agentStatus: 'Online',
  waitingStatus: 'Finding a person…',
  closedStatus: 'Chat ended',
  offlineStatus: 'Reconnecting…',
  placeholder: 'Type your message…',
  inputLabel: 'Message',
  send: 'Send',
  close: 'Close chat',
  endChat: 'End chat',
  messagesLabel: 'Conversation',
  quickRepliesLabel: 'Suggested replies',
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  botTyping: 'Assistant is typing…',
  agentTyping: (name) => `${name ?? 'An agent'} is typing…`,
  queuePlace: (position) => (position === 1 ? "You're next in line" : `You're number ${position} in line`),
  queueWait: (minutes) => (minutes === null ? 'A person will reply here soon.' : `Expected wait: about ${minutes} min.`),
  queueHint: 'You can keep browsing; your place is kept.',
  withAgent: "You're chatting with a person.",
  waiting: 'Waiting for a person…',
  closed: 'This chat has ended. Write again any time.',
  earlierDropped: (count) => `${count} earlier messages are not shown.`,
  tooLong: (max) => `Messages can be at most ${max} characters.`,
  slowDown: "You're sending messages too fast. Please wait a moment.",
  notSent: 'Not sent yet; will retry when connected.',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not delivered',
  retry: 'Retry',
  you: 'You',
  agent: 'Agent',
  announce: (author, body) => `${author}: ${body}`,
  surveyGroup: {
    csat: 'Rate this conversation',
    ces: 'How easy was it to get help?',
    nps: 'How likely are you to recommend us?',
  },
  surveyEnds: { csat: ['Poor', 'Great'], ces: ['Very hard', 'Very easy'], nps: ['Not likely', 'Very likely'] },
  stars: (count, max) => `${count} of ${max} ${max === 1 ? 'star' : 'stars'}`,
  score: (value, max) => `${value} of ${max}`,
};

const zhHans: UiStrings = {
  launcher: '在线咨询',
  launcherUnread: (count) => `在线咨询，${count} 条未读消息`,
  title: '客服',
  assistant: '智能助手',
  assistantStatus: '在线',
  agentStatus: '在线',
  waitingStatus: '正在转接人工…',
  closedStatus: '对话已结束',
  offlineStatus: '正在重新连接…',
  placeholder: '请输入消息…',
  inputLabel: '消息',
  send: '发送',
  close: '关闭聊天窗口',
  endChat: '结束对话',
  messagesLabel: '对话内容',
  quickRepliesLabel: '推荐回复',
  connecting: '正在连接…',
  reconnecting: '连接已断开，正在重新连接…',
  botTyping: '助手正在输入…',
  agentTyping: (name) => `${name ?? '客服'}正在输入…`,
  queuePlace: (position) => (position === 1 ? '下一位就是您' : `您排在第 ${position} 位`),
  queueWait: (minutes) => (minutes === null ? '人工客服很快会在这里回复您。' : `预计等待约 ${minutes} 分钟。`),
  queueHint: '您可以继续浏览，排队位置会为您保留。',
  withAgent: '您正在与人工客服对话。',
  waiting: '正在等待人工客服…',
  closed: '对话已结束，有需要随时留言。',
  earlierDropped: (count) => `更早的 ${count} 条消息未显示。`,
  tooLong: (max) => `每条消息最多 ${max} 个字符。`,
  slowDown: '发送太快了，请稍等片刻。',
  notSent: '尚未发送，连接恢复后将自动重试。',
  sending: '发送中…',
  sent: '已发送',
  failed: '发送失败',
  retry: '重试',
  you: '我',
  agent: '客服',
  announce: (author, body) => `${author}：${body}`,
  surveyGroup: { csat: '为本次服务评分', ces: '获得帮助的过程是否轻松？', nps: '您有多大可能向朋友推荐我们？' },
  surveyEnds: { csat: ['很差', '很好'], ces: ['非常困难', '非常轻松'], nps: ['不太可能', '非常可能'] },
  stars: (count, max) => `${count} 星（满分 ${max} 星）`,
  score: (value, max) => `${value} 分（满分 ${max} 分）`,
};

const zhHant: UiStrings = {
  launcher: '線上諮詢',
  launcherUnread: (count) => `線上諮詢，${count} 則未讀訊息`,
  title: '客服',
  assistant: '智慧助理',
  assistantStatus: '線上',
  agentStatus: '線上',
  waitingStatus: '正在轉接真人…',
  closedStatus: '對話已結束',
  offlineStatus: '正在重新連線…',
  placeholder: '請輸入訊息…',
  inputLabel: '訊息',
  send: '傳送',
  close: '關閉聊天視窗',
  endChat: '結束對話',
  messagesLabel: '對話內容',
  quickRepliesLabel: '建議回覆',
  connecting: '連線中…',
  reconnecting: '連線中斷，正在重新連線…',
  botTyping: '助理正在輸入…',
  agentTyping: (name) => `${name ?? '客服'}正在輸入…`,
  queuePlace: (position) => (position === 1 ? '下一位就是您' : `您排在第 ${position} 位`),
  queueWait: (minutes) => (minutes === null ? '真人客服很快會在這裡回覆您。' : `預計等候約 ${minutes} 分鐘。`),
  queueHint: '您可以繼續瀏覽，排隊位置會為您保留。',
  withAgent: '您正在與真人客服對話。',
  waiting: '正在等候真人客服…',
  closed: '對話已結束，有需要隨時留言。',
  earlierDropped: (count) => `較早的 ${count} 則訊息未顯示。`,
  tooLong: (max) => `每則訊息最多 ${max} 個字元。`,
  slowDown: '傳送太快了，請稍候片刻。',
  notSent: '尚未送出，連線恢復後將自動重試。',
  sending: '傳送中…',
  sent: '已送出',
  failed: '傳送失敗',
  retry: '重試',
  you: '我',
  agent: '客服',
  announce: (author, body) => `${author}：${body}`,
  surveyGroup: { csat: '為本次服務評分', ces: '獲得協助的過程是否輕鬆？', nps: '您有多大可能向朋友推薦我們？' },
  surveyEnds: { csat: ['很差', '很好'], ces: ['非常困難', '非常輕鬆'], nps: ['不太可能', '非常可能'] },
  stars: (count, max) => `${count} 星（滿分 ${max} 星）`,
  score: (value, max) => `${value} 分（滿分 ${max} 分）`,
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

/** The widget's words in `language`. */
export function uiStrings(language: Language): UiStrings {
  return language === 'zh-Hans' ? zhHans : language === 'zh-Hant' ? zhHant : en;
}
