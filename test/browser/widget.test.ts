import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { repoRoot } from '@loyaldesk/platform/local-servers';
import { signInAgent } from '../support/agent-session.ts';
import { demoShopper, seedDemoShop } from '../support/demo-shop.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { ticketResultViewSchema } from '../support/ticket-views.ts';

// The storefront demo page with the chat widget, in Debian's Chromium (never a downloaded browser):
// desktop and phone widths, the Chinese order-status journey, resume after reload, keyboard use,
// and accessibility checks on what Chromium itself computes (names, labels, contrast).

const screenshots = path.join(repoRoot, 'docs', 'screenshots');
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

// In-page code runs as source text: this workspace's TypeScript has no DOM types, and the widget
// lives in a shadow root, so a few lines of plain DOM are the shortest way in.
const shadow = "document.querySelector('loyaldesk-chat').shadowRoot";
const focusedInWidget = `(() => { const a = ${shadow}.activeElement; return a ? (a.id || a.className) : null; })()`;
const transcriptText = `${shadow}.querySelector('.messages').innerText`;

/** Every text run in the widget whose colour on its background is below 4.5:1 (WCAG AA). */
const lowContrastSource = `(() => {
  const root = ${shadow};
  const parse = (c) => { const m = c.match(/[\\d.]+/g) || []; return m.map(Number); };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => { for (let n = el; n; n = n.parentElement || (n.getRootNode() && n.getRootNode().host)) {
      const c = parse(getComputedStyle(n).backgroundColor); if (c.length === 3 || (c[3] ?? 1) > 0.5) return c.slice(0, 3); }
    return [255, 255, 255]; };
  const found = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const el = t.parentElement; if (!el || !t.textContent.trim()) continue;
    const box = el.getBoundingClientRect(); const style = getComputedStyle(el);
    if (box.width < 2 || box.height < 2 || style.visibility === 'hidden' || el.closest('.sr-only')) continue;
    const a = lum(parse(style.color).slice(0, 3)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) found.push(t.textContent.trim().slice(0, 40) + ' ' + ratio.toFixed(2));
  }
  return found;
})()`;

const axNodeSchema = z.object({
  ignored: z.boolean().optional(),
  role: z.object({ value: z.string() }).optional(),
  name: z.object({ value: z.string() }).optional(),
});

/** Buttons, text boxes and dialogs in Chromium's own accessibility tree, with the names it computed. */
async function namedControls(page: Page): Promise<Array<{ role: string; name: string }>> {
  const cdp = await page.context().newCDPSession(page);
  const tree = z.object({ nodes: z.array(axNodeSchema) }).parse(await cdp.send('Accessibility.getFullAXTree'));
  await cdp.detach();
  return tree.nodes
    .filter((node) => !node.ignored && ['button', 'textbox', 'dialog'].includes(node.role?.value ?? ''))
    .map((node) => ({ role: node.role?.value ?? '', name: node.name?.value ?? '' }));
}

async function openStorefront(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('loyaldesk-chat .launcher').waitFor();
  return page;
}

async function lastBotMessage(page: Page): Promise<string> {
  return page.locator('loyaldesk-chat li.row.bot .bubble').last().innerText();
}

/** Sends `text` from the composer and waits until the bot has answered it. */
async function ask(page: Page, text: string, answer: RegExp): Promise<string> {
  const bot = page.locator('loyaldesk-chat li.row.bot .bubble');
  const before = await bot.count();
  await page.locator('loyaldesk-chat textarea').fill(text);
  await page.keyboard.press('Enter');
  await expect.poll(() => bot.count(), { timeout: 30_000 }).toBeGreaterThan(before);
  await expect.poll(() => lastBotMessage(page), { timeout: 30_000 }).toMatch(answer);
  return lastBotMessage(page);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `widget-${name}.png`) });
}

describe('chat widget on the demo storefront (Chromium)', () => {
  let stack: Stack;
  let browser: Browser;
  // another-shop.example: a storefront on another site that embeds the widget, configured as the shop's origin.
  let shop: Server;
  let shopUrl: string;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    shop = createServer((_request, response) => {
      const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another shop</title></head>
<body><h1>Another shop</h1><script src="${stack.chatUrl}/widget.js" data-shop="demo" data-shop-name="Another Shop" async></script></body></html>`;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopUrl = `http://another-shop.example:${(shop.address() as AddressInfo).port}`;
    stack = await startStack({ env: { 'chat-bot': { SHOP_ORIGIN: shopUrl } } });
    await seedDemoShop(stack);
    // another-shop.example: a storefront on another site (served below) that embeds the widget.
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--host-resolver-rules=MAP another-shop.example 127.0.0.1'],
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await new Promise((resolve) => shop.close(resolve));
  }, 60_000);

  it('answers "我的订单1042到哪了" in Chinese on a desktop, and keeps the conversation across a reload', async () => {
    const context = await browser.newContext({ viewport: desktop, locale: 'en-US' });
    const page = await openStorefront(context, `${stack.chatUrl}/`);
    await expect.poll(() => page.locator('.card').count()).toBe(8);
    await shoot(page, 'storefront-desktop');

    await page.getByRole('button', { name: 'Chat with us' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sierra Leaf Tea Co.' });
    await dialog.waitFor();
    await expect.poll(() => lastBotMessage(page), { timeout: 30_000 }).toMatch(/^Hi/);
    await expect.poll(() => page.locator('loyaldesk-chat .quick .chip').count()).toBeGreaterThan(0);
    await shoot(page, 'desktop-open');

    const askEmail = await ask(page, '我的订单1042到哪了', /邮箱/);
    expect(askEmail).toContain('#1042');
    const answer = await ask(page, demoShopper.email, /订单 #1042：/);
    expect(answer).toContain('谢谢，信息已核对。');
    expect(answer).toMatch(/UPS 1Z\w+/);
    // The shopper's own messages are confirmed as stored (in the conversation's language, which the widget follows).
    await expect.poll(() => page.locator('loyaldesk-chat li.row.customer.latest .delivery').innerText()).toContain('已发送');
    await shoot(page, 'desktop-order-status');

    await page.reload();
    await page.locator('loyaldesk-chat .launcher').waitFor();
    // The panel was open in this tab, so it comes back open, with the same transcript.
    await expect.poll(() => page.evaluate<string>(transcriptText), { timeout: 30_000 }).toContain('我的订单1042到哪了');
    expect(await page.evaluate<string>(transcriptText)).toContain('订单 #1042：');
    expect(await page.locator('loyaldesk-chat li.row.bot').count()).toBeGreaterThanOrEqual(3);
    await shoot(page, 'desktop-after-reload');

    // Chromium's accessibility tree: every button and the message box have a name; the dialog too.
    const controls = await namedControls(page);
    expect(controls.filter((control) => control.name.trim() === '')).toEqual([]);
    expect(controls).toContainEqual({ role: 'textbox', name: '消息' });
    expect(controls).toContainEqual({ role: 'dialog', name: 'Sierra Leaf Tea Co.' });
    expect(controls).toContainEqual({ role: 'button', name: '关闭聊天窗口' });
    expect(await page.evaluate<string[]>(lowContrastSource)).toEqual([]);
    await context.close();
  });

  it('fills a 390×844 phone screen, in the page language, and rates with stars', async () => {
    const context = await browser.newContext({ viewport: phone, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await openStorefront(context, `${stack.chatUrl}/?lang=zh-Hans`);
    await shoot(page, 'storefront-mobile');
    await page.getByRole('button', { name: '在线咨询' }).click();
    const panel = page.locator('loyaldesk-chat .panel');
    // Whole pixels: the opening transition can leave a sub-pixel remainder for a frame (844.0000067).
    const panelSize = async (): Promise<string> => {
      const box = await panel.boundingBox();
      return box ? `${Math.round(box.width)}×${Math.round(box.height)}` : 'none';
    };
    await expect.poll(panelSize).toBe(`${phone.width}×${phone.height}`);
    await expect.poll(() => lastBotMessage(page), { timeout: 30_000 }).toMatch(/\S/);

    await ask(page, '我的订单1042到哪了', /邮箱/);
    await ask(page, demoShopper.email, /订单 #1042：/);
    expect(await page.locator('loyaldesk-chat textarea').getAttribute('placeholder')).toBe('请输入消息…');
    await shoot(page, 'mobile-order-status');

    // Ending the chat asks CSAT: five star buttons that send the bot's own quick replies.
    await page.getByRole('button', { name: '结束对话' }).click();
    const stars = page.locator('loyaldesk-chat .stars .star');
    await expect.poll(() => stars.count(), { timeout: 30_000 }).toBe(5);
    expect(await stars.nth(3).getAttribute('aria-label')).toBe('4 星（满分 5 星）');
    await shoot(page, 'mobile-csat');
    await stars.nth(4).click();
    // Then CES, 1–7, as a number scale.
    const scale = page.locator('loyaldesk-chat .scale .chip');
    await expect.poll(() => scale.count(), { timeout: 30_000 }).toBe(7);
    expect(await page.locator('loyaldesk-chat li.row.customer .bubble').last().innerText()).toBe('5');
    await shoot(page, 'mobile-ces');
    expect(await page.evaluate<string[]>(lowContrastSource)).toEqual([]);
    await context.close();
  });

  it("speaks the page's language (lang=\"zh-Hant\") from the start, in Traditional Chinese", async () => {
    const context = await browser.newContext({ viewport: desktop, locale: 'en-US' });
    const page = await openStorefront(context, `${stack.chatUrl}/?lang=zh-Hant`);
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('zh-Hant');
    await page.getByRole('button', { name: '線上諮詢' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await page.locator('loyaldesk-chat textarea').getAttribute('placeholder')).toBe('請輸入訊息…');
    expect(await page.locator('loyaldesk-chat .sub').innerText()).toContain('智慧助理');
    expect(await page.locator('loyaldesk-chat .send').getAttribute('aria-label')).toBe('傳送');
    await expect.poll(() => lastBotMessage(page), { timeout: 30_000 }).toMatch(/\S/);
    await context.close();
  });

  it('switches its own words to Traditional Chinese when the shopper on an English page writes Traditional', async () => {
    const context = await browser.newContext({ viewport: desktop, locale: 'en-US' });
    const page = await openStorefront(context, `${stack.chatUrl}/`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await expect.poll(() => lastBotMessage(page), { timeout: 30_000 }).toMatch(/^Hi/);
    const placeholder = (): Promise<string | null> => page.locator('loyaldesk-chat textarea').getAttribute('placeholder');
    expect(await placeholder()).toBe('Type your message…');

    await ask(page, '我的訂單1042到哪裡了', /郵箱|電子郵件|信箱/);
    // The bot answered in Traditional Chinese; the header, composer and buttons follow the conversation.
    await expect.poll(placeholder).toBe('請輸入訊息…');
    expect(await page.locator('loyaldesk-chat .sub').innerText()).toContain('智慧助理');
    expect(await page.locator('loyaldesk-chat .send').getAttribute('aria-label')).toBe('傳送');
    expect(await page.locator('loyaldesk-chat .launcher').getAttribute('aria-label')).toBe('線上諮詢');
    expect(await page.locator('loyaldesk-chat li.row.customer.latest .delivery').innerText()).toContain('已送出');
    await shoot(page, 'follows-conversation-language');

    // A reload resumes the conversation in its language, whatever the page's.
    await page.reload();
    await page.locator('loyaldesk-chat .launcher').waitFor();
    await expect.poll(placeholder, { timeout: 30_000 }).toBe('請輸入訊息…');
    await context.close();
  });

  it('works from the keyboard: Tab to the launcher, Enter opens into the message box, Escape closes back to it', async () => {
    const context = await browser.newContext({ viewport: desktop });
    const page = await openStorefront(context, `${stack.chatUrl}/`);
    let reached = false;
    for (let presses = 0; presses < 60 && !reached; presses += 1) {
      await page.keyboard.press('Tab');
      reached = (await page.evaluate<string | null>(focusedInWidget)) === 'launcher';
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate<string | null>(focusedInWidget)).toBe('loyaldesk-input');
    expect(await page.getByRole('button', { name: 'Chat with us' }).getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => lastBotMessage(page), { timeout: 30_000 }).toMatch(/^Hi/);
    await page.keyboard.type('how much is shipping to Canada');
    await page.keyboard.press('Enter');
    await expect.poll(() => lastBotMessage(page), { timeout: 30_000 }).toMatch(/Canada/);
    await page.keyboard.press('Shift+Tab'); // still inside the panel (the quick replies)
    await page.keyboard.press('Escape');
    expect(await page.evaluate<string | null>(focusedInWidget)).toBe('launcher');
    expect(await page.locator('loyaldesk-chat .panel').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Chat with us' }).getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });

  it('shows the place in line, then the agent in the header, then CSAT stars when the ticket is resolved', async () => {
    const agent = await signInAgent(stack.ticketingUrl, 'agent');
    const context = await browser.newContext({ viewport: desktop, reducedMotion: 'reduce' });
    const page = await openStorefront(context, `${stack.chatUrl}/`);
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await expect.poll(() => lastBotMessage(page), { timeout: 30_000 }).toMatch(/^Hi/);
    await ask(page, 'talk to a human', /connecting you with a person/);
    const banner = page.locator('loyaldesk-chat .queue');
    await expect.poll(() => banner.innerText(), { timeout: 60_000 }).toMatch(/You're (next|number \d+) in line/);
    await expect.poll(() => page.locator('loyaldesk-chat .sub').innerText()).toContain('Finding a person');
    // prefers-reduced-motion: the waiting pulse stands still.
    expect(await page.evaluate<string>(`getComputedStyle(${shadow}.querySelector('.pulse')).animationName`)).toBe('none');
    await shoot(page, 'desktop-queue');

    // Closed while waiting: the agent's reply shows as an unread count on the launcher.
    await page.getByRole('button', { name: 'Close chat' }).click();

    // An agent takes the next ticket (this stack's only one) and answers from ticketing.
    const claimed = await agent.expect('post', '/tickets/claim-next', ticketResultViewSchema);
    const ticketId = claimed.ticket?.id ?? '';
    expect(ticketId).not.toBe('');
    await agent.expect('post', `/tickets/${ticketId}/reply`, ticketResultViewSchema, {
      body: 'Hi, I am Avery. I can see your chat and will help you from here.',
    });
    const launcher = page.locator('loyaldesk-chat .launcher');
    await expect.poll(() => launcher.getAttribute('aria-label'), { timeout: 30_000 }).toBe(
      'Chat with us, 1 unread message',
    );
    expect(await page.locator('loyaldesk-chat .badge').innerText()).toBe('1');
    await shoot(page, 'desktop-unread');
    await launcher.click();
    expect(await page.locator('loyaldesk-chat .badge').isVisible()).toBe(false);
    await expect.poll(() => page.locator('loyaldesk-chat .header .sub').innerText()).toContain('Avery Agent');
    expect(await page.locator('loyaldesk-chat .header .avatar').innerText()).toBe('AA');
    expect(await banner.isVisible()).toBe(false);
    expect(await page.locator('loyaldesk-chat li.row.agent .author').last().innerText()).toBe('Avery Agent');
    await shoot(page, 'desktop-agent');

    await agent.expect('post', `/tickets/${ticketId}/resolve`, ticketResultViewSchema);
    const stars = page.locator('loyaldesk-chat .stars .star');
    await expect.poll(() => stars.count(), { timeout: 30_000 }).toBe(5);
    expect(await stars.first().getAttribute('aria-label')).toBe('1 of 5 stars');
    await shoot(page, 'desktop-csat');
    await stars.nth(3).click();
    await expect.poll(() => page.locator('loyaldesk-chat .scale .chip').count(), { timeout: 30_000 }).toBe(7);
    await context.close();
  });

  it("runs under the chat bot's Content-Security-Policy without a single violation", async () => {
    const context = await browser.newContext({ viewport: desktop });
    // Before any page script: every violation (the widget's shadow root included) is recorded.
    await context.addInitScript(`window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI), true);`);
    const page = await context.newPage();
    const response = await page.goto(`${stack.chatUrl}/`);
    const policy = (await response?.allHeaders())?.['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    await page.locator('loyaldesk-chat .launcher').waitFor();
    await page.getByRole('button', { name: 'Chat with us' }).click();
    await expect.poll(() => lastBotMessage(page), { timeout: 30_000 }).toMatch(/^Hi/);
    await ask(page, 'how much is shipping to Canada', /Canada/);
    await page.reload();
    await expect.poll(() => page.evaluate<string>(transcriptText), { timeout: 30_000 }).toContain('shipping to Canada');
    expect(await page.evaluate<string[]>('window.__cspViolations')).toEqual([]);
    await context.close();
  });

  it("works embedded on the shop's own site (SHOP_ORIGIN; the script is loadable cross-origin)", async () => {
    const context = await browser.newContext({ viewport: desktop });
    try {
      const page = await openStorefront(context, `${shopUrl}/`);
      await page.getByRole('button', { name: 'Chat with us' }).click();
      await page.getByRole('dialog', { name: 'Another Shop' }).waitFor();
      await expect.poll(() => lastBotMessage(page), { timeout: 30_000 }).toMatch(/^Hi/);
    } finally {
      await context.close();
    }
  });

  it('keeps its look when the page styles everything it can reach', async () => {
    const context = await browser.newContext({ viewport: desktop });
    const page = await openStorefront(context, `${stack.chatUrl}/`);
    await page.addStyleTag({
      content: '*{font-size:40px!important;color:red!important;background:yellow!important} button{display:none!important}',
    });
    const launcher = page.locator('loyaldesk-chat .launcher');
    expect(await launcher.isVisible()).toBe(true);
    expect(Math.round((await launcher.boundingBox())?.width ?? 0)).toBe(60);
    await context.close();
  });
});
