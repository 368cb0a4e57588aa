import type { Language } from '@loyaldesk/contracts/language';

const pageText: Record<Language, { title: string; lead: string; products: string[]; hint: string }> = {
  en: {
    title: 'Loyaldesk Demo Shop',
    lead: 'Hand-made mugs and tea, shipped worldwide.',
    products: ['Stoneware mug — $25.00', 'Jasmine green tea — $12.00', 'Tea towel — $9.00'],
    hint: 'Try the chat: "where is my order 1042", "how much is shipping to Canada", "talk to a human".',
  },
  'zh-Hans': {
    title: 'Loyaldesk 演示商店',
    lead: '手工马克杯与茶叶，全球配送。',
    products: ['粗陶马克杯 — $25.00', '茉莉绿茶 — $12.00', '茶巾 — $9.00'],
    hint: '试试聊天：“我的订单1042到哪了”、“运费多少”、“转人工”。',
  },
  'zh-Hant': {
    title: 'Loyaldesk 示範商店',
    lead: '手工馬克杯與茶葉，全球配送。',
    products: ['粗陶馬克杯 — $25.00', '茉莉綠茶 — $12.00', '茶巾 — $9.00'],
    hint: '試試聊天：「我的訂單1042到哪裡了」、「運費多少」、「轉真人客服」。',
  },
};

const htmlLang: Record<Language, string> = { en: 'en', 'zh-Hans': 'zh-Hans', 'zh-Hant': 'zh-Hant' };

/** A tiny storefront page that embeds the widget with one script tag, as a shop would. */
export function demoPage(language: Language): string {
  const text = pageText[language];
  const items = text.products.map((product) => `<li>${product}</li>`).join('');
  return `<!doctype html>
<html lang="${htmlLang[language]}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text.title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:720px;margin:40px auto;padding:0 16px;color:#1f2328}li{margin:6px 0}nav a{margin-right:12px}</style></head>
<body>
<nav><a href="/?lang=en">English</a><a href="/?lang=zh-Hans">简体中文</a><a href="/?lang=zh-Hant">繁體中文</a></nav>
<h1>${text.title}</h1><p>${text.lead}</p><ul>${items}</ul><p><small>${text.hint}</small></p>
<script src="/widget.js" data-shop="demo" async></script>
</body></html>`;
}
