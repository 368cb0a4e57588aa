import type { Language } from '@loyaldesk/contracts/language';

// The demo shop is the seed's tea and teaware store (packages/customer-profile/src/seed): the same
// products and prices, so what a shopper sees here is what the bot finds in their orders.
type Art = 'tin' | 'pouch' | 'teapot' | 'cups' | 'gift' | 'whisk';
const products: Array<{ sku: string; price: number; art: Art; tint: string; names: Record<Language, string> }> = [
  {
    sku: 'TEA-JAS-100',
    price: 1800,
    art: 'tin',
    tint: '#e8f0e3',
    names: { en: 'Jasmine Pearls Green Tea, 100 g', 'zh-Hans': '茉莉龙珠绿茶 100 克', 'zh-Hant': '茉莉龍珠綠茶 100 克' },
  },
  {
    sku: 'TEA-LJG-100',
    price: 2400,
    art: 'pouch',
    tint: '#eef2d9',
    names: { en: 'Dragon Well (Longjing) Green Tea, 100 g', 'zh-Hans': '西湖龙井 100 克', 'zh-Hant': '西湖龍井 100 克' },
  },
  {
    sku: 'TEA-ALS-100',
    price: 3200,
    art: 'tin',
    tint: '#f5ead8',
    names: { en: 'Alishan High Mountain Oolong, 100 g', 'zh-Hans': '阿里山高山乌龙 100 克', 'zh-Hant': '阿里山高山烏龍 100 克' },
  },
  {
    sku: 'WARE-YIX-200',
    price: 12800,
    art: 'teapot',
    tint: '#f3e2d8',
    names: { en: 'Yixing Clay Teapot, 200 ml', 'zh-Hans': '宜兴紫砂壶 200 毫升', 'zh-Hant': '宜興紫砂壺 200 毫升' },
  },
  {
    sku: 'WARE-CUP-4',
    price: 3200,
    art: 'cups',
    tint: '#e0eeec',
    names: { en: 'Celadon Tea Cups, Set of 4', 'zh-Hans': '青瓷品茗杯（4 只装）', 'zh-Hant': '青瓷品茗杯（4 入）' },
  },
  {
    sku: 'TEA-MAT-30',
    price: 2600,
    art: 'whisk',
    tint: '#e4efd9',
    names: { en: 'Ceremonial Matcha, 30 g', 'zh-Hans': '礼仪级抹茶 30 克', 'zh-Hant': '禮儀級抹茶 30 克' },
  },
  {
    sku: 'TEA-PUE-357',
    price: 6800,
    art: 'pouch',
    tint: '#efe4dc',
    names: { en: 'Aged Pu-erh Tea Cake, 357 g', 'zh-Hans': '陈年普洱茶饼 357 克', 'zh-Hant': '陳年普洱茶餅 357 克' },
  },
  {
    sku: 'GIFT-BOX-DLX',
    price: 8800,
    art: 'gift',
    tint: '#f6e3e3',
    names: { en: 'Deluxe Tea Gift Box', 'zh-Hans': '豪华茶礼盒', 'zh-Hant': '豪華茶禮盒' },
  },
];

const pageText: Record<
  Language,
  {
    shop: string;
    promo: string;
    nav: [string, string, string, string];
    search: string;
    account: string;
    cart: string;
    heroTitle: string;
    heroLead: string;
    heroCta: string;
    bestsellers: string;
    addToCart: string;
    helpTitle: string;
    helpLead: string;
    helpCta: string;
    demoHint: string;
    footer: string;
  }
> = {
  en: {
    shop: 'Sierra Leaf Tea Co.',
    promo: 'Free shipping on US orders over $50 · We ship to Canada, the UK, Australia, China, Taiwan and Hong Kong',
    nav: ['Tea', 'Teaware', 'Gifts', 'Journal'],
    search: 'Search',
    account: 'Account',
    cart: 'Cart, 2 items',
    heroTitle: 'Hand-picked teas from small farms',
    heroLead: 'Green, oolong and pu-erh from Fujian, Zhejiang, Yunnan and Taiwan, packed fresh in Reno, Nevada.',
    heroCta: 'Shop teas',
    bestsellers: 'Bestsellers',
    addToCart: 'Add to cart',
    helpTitle: 'Where is my order?',
    helpLead: 'Our assistant checks your order, tracking and shipping costs in seconds, in English or Chinese, and brings in a person whenever you ask.',
    helpCta: 'Chat with us',
    demoHint: 'Demo: ask "where is my order 1042" and verify with alice.walker@example.com, or try "how much is shipping to Canada" or "talk to a human".',
    footer: 'Sierra Leaf Tea Co. · 140 Court St, Reno, NV 89501 · A loyaldesk demo store',
  },
  'zh-Hans': {
    shop: '山叶茶铺',
    promo: '美国订单满 $50 包邮 · 配送至加拿大、英国、澳大利亚、中国大陆、台湾及香港',
    nav: ['茶叶', '茶具', '礼品', '茶志'],
    search: '搜索',
    account: '我的账户',
    cart: '购物车，2 件商品',
    heroTitle: '小茶园手工采摘的好茶',
    heroLead: '来自福建、浙江、云南与台湾的绿茶、乌龙与普洱，在内华达州里诺新鲜分装。',
    heroCta: '选购茶叶',
    bestsellers: '热销商品',
    addToCart: '加入购物车',
    helpTitle: '我的订单到哪了？',
    helpLead: '智能助手几秒内即可查询订单、物流和运费，支持中英文；需要时随时转接人工客服。',
    helpCta: '在线咨询',
    demoHint: '演示：问“我的订单1042到哪了”，用 alice.walker@example.com 验证；也可以试试“运费多少”或“转人工”。',
    footer: '山叶茶铺 · 140 Court St, Reno, NV 89501 · loyaldesk 演示商店',
  },
  'zh-Hant': {
    shop: '山葉茶舖',
    promo: '美國訂單滿 $50 免運 · 配送至加拿大、英國、澳洲、中國大陸、台灣及香港',
    nav: ['茶葉', '茶具', '禮品', '茶誌'],
    search: '搜尋',
    account: '我的帳戶',
    cart: '購物車，2 件商品',
    heroTitle: '小茶園手工採摘的好茶',
    heroLead: '來自福建、浙江、雲南與台灣的綠茶、烏龍與普洱，在內華達州里諾新鮮分裝。',
    heroCta: '選購茶葉',
    bestsellers: '熱銷商品',
    addToCart: '加入購物車',
    helpTitle: '我的訂單到哪裡了？',
    helpLead: '智慧助理幾秒內即可查詢訂單、物流和運費，支援中英文；需要時隨時轉接真人客服。',
    helpCta: '線上諮詢',
    demoHint: '示範：問「我的訂單1042到哪裡了」，用 alice.walker@example.com 驗證；也可以試試「運費多少」或「轉真人客服」。',
    footer: '山葉茶舖 · 140 Court St, Reno, NV 89501 · loyaldesk 示範商店',
  },
};

// Simple drawings instead of photos: the demo ships no images and loads nothing from elsewhere.
const art: Record<Art, string> = {
  tin: '<rect x="34" y="26" width="52" height="70" rx="6" fill="#2f5d50"/><rect x="30" y="20" width="60" height="12" rx="4" fill="#23463c"/><circle cx="60" cy="62" r="15" fill="#f4efe6"/><path d="M60 52c7 4 8 14 0 20-8-6-7-16 0-20z" fill="#6a9b52"/>',
  pouch:
    '<path d="M36 30h48l6 66H30z" fill="#8a6a45"/><rect x="36" y="24" width="48" height="10" rx="2" fill="#6e5235"/><rect x="44" y="50" width="32" height="26" rx="3" fill="#f4efe6"/><path d="M60 55c6 3 7 11 0 16-7-5-6-13 0-16z" fill="#6a9b52"/>',
  teapot:
    '<ellipse cx="60" cy="70" rx="30" ry="22" fill="#8b4a32"/><rect x="50" y="40" width="20" height="8" rx="3" fill="#733b27"/><path d="M88 62c12-4 16 4 10 14" stroke="#8b4a32" stroke-width="6" fill="none"/><path d="M32 62l-14-10 4 14z" fill="#8b4a32"/><rect x="40" y="46" width="40" height="6" rx="3" fill="#733b27"/>',
  cups: '<path d="M22 56h32l-4 28H26z" fill="#7fb5a8"/><path d="M66 56h32l-4 28H70z" fill="#7fb5a8"/><ellipse cx="38" cy="56" rx="16" ry="4" fill="#5f978a"/><ellipse cx="82" cy="56" rx="16" ry="4" fill="#5f978a"/>',
  gift: '<rect x="28" y="44" width="64" height="48" rx="4" fill="#b23a48"/><rect x="24" y="34" width="72" height="14" rx="3" fill="#962f3c"/><rect x="55" y="34" width="10" height="58" fill="#f2c14e"/><path d="M60 34c-10-14-24-6-14 0zM60 34c10-14 24-6 14 0z" fill="#f2c14e"/>',
  whisk:
    '<ellipse cx="60" cy="82" rx="34" ry="12" fill="#d8d2c4"/><ellipse cx="60" cy="80" rx="26" ry="7" fill="#7aa64a"/><rect x="56" y="20" width="8" height="30" rx="3" fill="#c49a5a"/><path d="M50 50h20l-4 24h-12z" fill="#e3c48c"/>',
};

function price(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

const styles = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#1f2328;background:#fbfaf7}
a{color:inherit}.wrap{max-width:1120px;margin:0 auto;padding:0 20px}
.promo{background:#0f5e4f;color:#fff;font-size:13px;text-align:center;padding:8px 12px}
header.site{background:#fff;border-bottom:1px solid #e6e2d9;position:sticky;top:0;z-index:10}
header.site .wrap{display:flex;align-items:center;gap:28px;height:68px}
.logo{display:flex;align-items:center;gap:10px;font-weight:700;font-size:20px;text-decoration:none;color:#0f5e4f;white-space:nowrap}
nav.main{display:flex;gap:22px;flex:1}nav.main a{text-decoration:none;font-weight:500;color:#3d4148}nav.main a:hover{color:#0f5e4f}
.tools{display:flex;align-items:center;gap:6px}.tools>a,.tools>button{display:grid;place-items:center;width:40px;height:40px;border-radius:50%;border:0;background:none;color:#1f2328;cursor:pointer;text-decoration:none;position:relative}
.tools>a:hover,.tools>button:hover{background:#f1efe9}.count{position:absolute;top:2px;right:0;background:#0f5e4f;color:#fff;font-size:11px;font-weight:700;min-width:18px;height:18px;border-radius:9px;line-height:18px;text-align:center}
.langs{display:flex;gap:4px;font-size:13px;margin-right:6px}.langs a{text-decoration:none;white-space:nowrap;padding:4px 8px;border-radius:6px;color:#57606a}.langs a[aria-current]{background:#e7f0ed;color:#0f5e4f;font-weight:600}
.hero{display:grid;grid-template-columns:1.2fr 1fr;gap:40px;align-items:center;padding:56px 0 40px}
.hero h1{font-size:44px;line-height:1.1;margin:0 0 16px;letter-spacing:-.5px;color:#16352e}.hero p{font-size:18px;color:#4a4f57;margin:0 0 24px}
.button{display:inline-block;background:#0f5e4f;color:#fff;text-decoration:none;font-weight:600;padding:12px 22px;border-radius:999px;border:0;cursor:pointer;font-size:15px}
.button.ghost{background:#fff;color:#0f5e4f;border:1.5px solid #0f5e4f}
.hero .art{background:#e8efe3;border-radius:24px;aspect-ratio:4/3;display:grid;place-items:center}
h2{font-size:26px;margin:24px 0 18px;color:#16352e}
.grid{display:grid;grid-template-columns:repeat(4,1fr);gap:20px;list-style:none;padding:0;margin:0 0 48px}
.card{background:#fff;border:1px solid #ebe7de;border-radius:16px;overflow:hidden;display:flex;flex-direction:column}
.card .pic{aspect-ratio:1;display:grid;place-items:center}.card .body{padding:14px 16px 16px;display:flex;flex-direction:column;gap:8px;flex:1}
.card h3{font-size:15px;font-weight:600;margin:0;flex:1}.card .price{font-weight:700;color:#16352e}
.card button{background:#fff;border:1.5px solid #0f5e4f;color:#0f5e4f;border-radius:999px;padding:8px 0;font-weight:600;cursor:pointer;font-size:14px}.card button:hover{background:#0f5e4f;color:#fff}
.help{background:#fff;border:1px solid #ebe7de;border-radius:20px;padding:28px;display:flex;gap:24px;align-items:center;margin-bottom:48px}
.help h2{margin:0 0 6px}.help p{margin:0;color:#4a4f57}.help .demo{margin-top:10px;font-size:14px;color:#57606a}
footer{border-top:1px solid #e6e2d9;padding:24px 0 96px;font-size:14px;color:#57606a}
:focus-visible{outline:3px solid #0f5e4f;outline-offset:2px}
@media (max-width:820px){.hero{grid-template-columns:1fr;padding:32px 0 16px}.hero h1{font-size:32px}.hero .art{display:none}.grid{grid-template-columns:repeat(2,1fr);gap:12px}nav.main{display:none}.help{flex-direction:column;align-items:flex-start}}
@media (max-width:480px){header.site .wrap{gap:8px}.logo{font-size:17px}.langs{display:none}.card .body{padding:10px 12px 12px}.card h3{font-size:14px}}
`;

const leafLogo =
  '<svg width="30" height="30" viewBox="0 0 32 32" aria-hidden="true"><circle cx="16" cy="16" r="16" fill="#0f5e4f"/><path d="M16 7c7 4 8 13 0 18-8-5-7-14 0-18z" fill="#9fd38a"/><path d="M16 10v14" stroke="#0f5e4f" stroke-width="1.5"/></svg>';
const searchIcon =
  '<svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M15.5 14h-.79l-.28-.27A6.5 6.5 0 1 0 14 15.5l.27.28v.79l5 4.99L20.49 19zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14"/></svg>';
const accountIcon =
  '<svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M12 12c2.21 0 4-1.79 4-4s-1.79-4-4-4-4 1.79-4 4 1.79 4 4 4m0 2c-2.67 0-8 1.34-8 4v2h16v-2c0-2.66-5.33-4-8-4"/></svg>';
const cartIcon =
  '<svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M7 18c-1.1 0-1.99.9-1.99 2S5.9 22 7 22s2-.9 2-2-.9-2-2-2M1 2v2h2l3.6 7.59-1.35 2.45c-.16.28-.25.61-.25.96 0 1.1.9 2 2 2h12v-2H7.42c-.14 0-.25-.11-.25-.25l.03-.12.9-1.63h7.45c.75 0 1.41-.41 1.75-1.03l3.58-6.49A1.003 1.003 0 0 0 20 4H5.21l-.94-2zm16 16c-1.1 0-1.99.9-1.99 2s.89 2 1.99 2 2-.9 2-2-.9-2-2-2"/></svg>';

const languageLinks: Array<[Language, string]> = [
  ['en', 'English'],
  ['zh-Hans', '简体中文'],
  ['zh-Hant', '繁體中文'],
];

/** The demo storefront: a small tea shop that embeds the widget with one script tag, as a shop would. */
export function demoPage(language: Language): string {
  const text = pageText[language];
  const cards = products
    .map(
      (product) => `<li class="card"><div class="pic" style="background:${product.tint}"><svg width="120" height="120" viewBox="0 0 120 120" aria-hidden="true">${art[product.art]}</svg></div>
<div class="body"><h3>${product.names[language]}</h3><span class="price">${price(product.price)}</span><button type="button">${text.addToCart}</button></div></li>`,
    )
    .join('\n');
  const langs = languageLinks
    .map(([tag, name]) => `<a href="/?lang=${tag}" lang="${tag}"${tag === language ? ' aria-current="page"' : ''}>${name}</a>`)
    .join('');
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text.shop}</title>
<style>${styles}</style></head>
<body>
<div class="promo">${text.promo}</div>
<header class="site"><div class="wrap">
<a class="logo" href="/?lang=${language}">${leafLogo}<span>${text.shop}</span></a>
<nav class="main" aria-label="${text.shop}">${text.nav.map((item) => `<a href="#bestsellers">${item}</a>`).join('')}</nav>
<div class="tools"><nav class="langs" aria-label="Language">${langs}</nav>
<button type="button" aria-label="${text.search}">${searchIcon}</button>
<a href="#account" aria-label="${text.account}">${accountIcon}</a>
<a href="#cart" aria-label="${text.cart}">${cartIcon}<span class="count" aria-hidden="true">2</span></a></div>
</div></header>
<main class="wrap">
<section class="hero"><div><h1>${text.heroTitle}</h1><p>${text.heroLead}</p><a class="button" href="#bestsellers">${text.heroCta}</a></div>
<div class="art" aria-hidden="true"><svg width="240" height="200" viewBox="0 0 120 100">${art.teapot}</svg></div></section>
<h2 id="bestsellers">${text.bestsellers}</h2>
<ul class="grid">
${cards}
</ul>
<section class="help"><div><h2>${text.helpTitle}</h2><p>${text.helpLead}</p><p class="demo">${text.demoHint}</p></div>
<a class="button ghost" href="#chat" data-loyaldesk-open>${text.helpCta}</a></section>
</main>
<footer><div class="wrap">${text.footer}</div></footer>
<script src="/widget.js" data-shop="demo" data-shop-name="${text.shop}" data-accent="#0f5e4f" async></script>
</body></html>`;
}
