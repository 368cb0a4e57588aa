import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tierPolicyResponseSchema, tierPolicyUpdateResponseSchema } from '@loyaldesk/contracts/policies';
import { ticketListResponseSchema } from '@loyaldesk/contracts/tickets-api';
import { shopifyFulfillment, shopifyJson, shopifyOrder } from '@loyaldesk/customer-profile/shopify-fixtures';
import { repoRoot } from '@loyaldesk/platform/local-servers';
import { demoAccounts, signInAgent } from '../support/agent-session.ts';
import { startConsole, type ConsoleProcess } from '../support/console-process.ts';
import { startStack, type Stack } from '../support/stack.ts';

// Issue 22, "a real shop": a Taiwanese shop's Shopify order and fulfillment arrive signed for a new
// customer; the shopper asks the bot in Traditional Chinese, verifies with the order's email and gets
// the tracking; AfterShip reports an exception on that parcel: the open widget shows the notice in
// Traditional Chinese, and the agent's queue shows the proactive ticket ranked, with why.

const screenshots = path.join(repoRoot, 'docs', 'screenshots');
const shopifySecret = 'shpss_real-shop-browser-0123456789abcdef';
const afterShipSecret = 'real-shop-browser-aftership-secret';
const hour = 3_600_000;
const hoursFromNow = (hours: number): string => new Date(Date.now() + hours * hour).toISOString();

const shopper = { email: 'chen.yating@example.com', customerId: '7209829119461541101', firstName: 'Ya-Ting', lastName: 'Chen' };
const order = { id: '8209829119461541101', name: '#1101', number: '1101' };
const trackingNumber = '1Z88W0476801101TW';

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `real-shop-${name}.png`) });
}

/** Sends a message from the widget's message box and waits until the chat's bot messages match `answer`. */
async function say(page: Page, text: string, answer: RegExp): Promise<string> {
  const composer = page.locator('loyaldesk-chat textarea');
  await composer.fill(text);
  await composer.press('Enter');
  const botMessages: Locator = page.locator('loyaldesk-chat li.row.bot .bubble');
  await expect.poll(async () => (await botMessages.allInnerTexts()).join('\n'), { timeout: 45_000 }).toMatch(answer);
  return (await botMessages.allInnerTexts()).join('\n');
}

describe('a real shop, end to end: Shopify order → Chinese chat → AfterShip exception → proactive ticket (Chromium)', () => {
  let stack: Stack;
  let consoleApp: ConsoleProcess;
  let browser: Browser;
  let shop: Server;
  let shopUrl: string;

  /** POSTs a webhook body to ticketing as the provider would; expects 200. */
  async function deliver(pathname: string, body: string, headers: Record<string, string>): Promise<unknown> {
    const response = await fetch(`${stack.ticketingUrl}${pathname}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    return JSON.parse(text) as unknown;
  }

  /** A Shopify webhook delivery: X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body. */
  function deliverShopify(topic: string, eventId: string, body: string): Promise<unknown> {
    return deliver('/api/webhooks/shopify', body, {
      'X-Shopify-Topic': topic,
      'X-Shopify-Shop-Domain': 'cha-qi-xiao-pu.myshopify.com',
      'X-Shopify-Event-Id': eventId,
      'X-Shopify-Hmac-Sha256': createHmac('sha256', shopifySecret).update(body).digest('base64'),
    });
  }

  /** The shop's manager sets tier thresholds in its own currency (NT$8,000 / 30,000 / 90,000): the policy speaks TWD. */
  async function setTaiwanTiers(): Promise<void> {
    const manager = await signInAgent(stack.ticketingUrl, 'manager');
    const current = tierPolicyResponseSchema.parse((await manager.get('/policy/tiers')).body);
    expect(current.currency).toBe('TWD');
    const thresholds = { silver: { minSpend: 800_000, minOrders: 3 }, gold: { minSpend: 3_000_000, minOrders: 6 }, platinum: { minSpend: 9_000_000, minOrders: 12 } };
    const response = await fetch(`${stack.ticketingUrl}/api/policy/tiers`, {
      method: 'PUT',
      headers: { cookie: manager.cookie, 'x-requested-with': 'loyaldesk-tests', 'content-type': 'application/json' },
      body: JSON.stringify({ ...current.policy, thresholds }),
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(tierPolicyUpdateResponseSchema.parse(JSON.parse(text)).currency).toBe('TWD');
  }

  /** A guest's question already waiting in the queue, from the shop's contact form. */
  async function openGuestQuestion(): Promise<string> {
    const response = await fetch(`${stack.ticketingUrl}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'loyaldesk-tests' },
      body: JSON.stringify({ email: 'guest.tea@example.com', subject: '請問有禮品包裝嗎？', message: '請問有禮品包裝嗎？', language: 'zh-Hant', issueKind: 'general' }),
    });
    const text = await response.text();
    expect(response.status, text).toBe(201);
    return (JSON.parse(text) as { ticketId: string }).ticketId;
  }

  function reportException(): Promise<unknown> {
    const checkpoint = (at: string, tag: string, message: string) => ({ slug: 'ups', created_at: at, checkpoint_time: at, location: 'Taoyuan, TW', message, tag, subtag: `${tag}_001` });
    const body = JSON.stringify({
      event: 'tracking_update',
      event_id: '5f1c1e8a-0000-4000-8000-000000001101',
      ts: Math.floor(Date.now() / 1000),
      msg: {
        tracking_number: trackingNumber, slug: 'ups', tag: 'Exception', subtag: 'Exception_001', updated_at: hoursFromNow(-1),
        checkpoints: [checkpoint(hoursFromNow(-40), 'InTransit', 'Picked up'), checkpoint(hoursFromNow(-2), 'Exception', 'Held at customs')],
      },
    });
    return deliver('/api/webhooks/aftership', body, { 'aftership-hmac-sha256': createHmac('sha256', afterShipSecret).update(body).digest('base64') });
  }

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    // The shop's storefront: a Traditional Chinese page with the widget's script tag and no sign-in.
    shop = createServer((_request, response) => {
      const page = `<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><title>茶器小舖</title>
<style>body{font-family:sans-serif;margin:48px;color:#2d2a26}h1{font-weight:600}</style></head>
<body><h1>茶器小舖</h1><p>手工茶具・台北</p><script src="${stack.chatUrl}/widget.js" data-shop="tw" data-shop-name="茶器小舖" async></script></body></html>`;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopUrl = `http://tea-shop.example:${(shop.address() as AddressInfo).port}`;
    stack = await startStack({
      env: {
        ticketing: { SHOP_CURRENCY: 'TWD', SHOPIFY_WEBHOOK_SECRET: shopifySecret, AFTERSHIP_WEBHOOK_SECRET: afterShipSecret },
        'chat-bot': { SHOP_ORIGIN: shopUrl },
      },
    });
    consoleApp = await startConsole(stack.ticketingUrl);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--host-resolver-rules=MAP tea-shop.example 127.0.0.1'] });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await consoleApp?.stop();
    await stack?.stop();
    await new Promise((resolve) => shop?.close(resolve));
  }, 60_000);

  it('answers the new customer in Traditional Chinese with the tracking, shows the carrier exception live, and queues the proactive ticket with its reason', async () => {
    await setTaiwanTiers();
    const guestTicket = await openGuestQuestion();

    // 1. The shop: Shopify sends orders/create (a new customer, zh-TW, TWD, 64-bit ids), then fulfillments/create
    // with the tracking and, as Shopify does when the last item is fulfilled, orders/updated (fulfilled).
    const placed = { id: order.id, name: order.name, customerId: shopper.customerId, email: shopper.email, currency: 'TWD', price: '2480.00', locale: 'zh-TW', createdAt: hoursFromNow(-72) };
    const shopifyOrderOf = (fixture: typeof placed & { updatedAt?: string; fulfillmentStatus?: string; fulfillments?: unknown[] }) => {
      const base = shopifyOrder(fixture);
      const names = { first_name: shopper.firstName, last_name: shopper.lastName };
      return shopifyJson({
        ...base,
        order_number: Number(order.number),
        customer: { ...(base['customer'] as object), ...names },
        shipping_address: { ...(base['shipping_address'] as object), ...names, name: `${shopper.firstName} ${shopper.lastName}` },
      });
    };
    const orderBody = shopifyOrderOf(placed);
    expect(await deliverShopify('orders/create', 'evt-real-shop-1101-order', orderBody)).toMatchObject({ outcome: 'created', orderNumber: order.number });
    const fulfillment = shopifyFulfillment({ id: '1022782881101', orderId: order.id, orderName: order.name, trackingNumber, createdAt: hoursFromNow(-48) });
    expect(await deliverShopify('fulfillments/create', 'evt-real-shop-1101-fulfillment', shopifyJson(fulfillment))).toMatchObject({ outcome: 'updated', orderNumber: order.number });
    const fulfilledBody = shopifyOrderOf({ ...placed, updatedAt: hoursFromNow(-47.9), fulfillmentStatus: 'fulfilled', fulfillments: [fulfillment] });
    expect(await deliverShopify('orders/updated', 'evt-real-shop-1101-fulfilled', fulfilledBody)).toMatchObject({ outcome: 'updated', orderNumber: order.number });

    // 2. The shopper on the storefront asks in Traditional Chinese and verifies with the order's email.
    const shopperPage = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' })).newPage();
    await shopperPage.goto(shopUrl);
    await shopperPage.locator('loyaldesk-chat .launcher').click();
    await expect.poll(() => shopperPage.locator('loyaldesk-chat li.row.bot .bubble').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await say(shopperPage, `我的訂單${order.name}到哪裡了？`, /請告訴我訂單 #1101 下單時使用的電子郵件地址/);
    await shoot(shopperPage, '1-asks-in-chinese');
    const answer = await say(shopperPage, shopper.email, /訂單 #1101：/);
    expect(answer).toContain('訂單 #1101：已出貨');
    expect(answer).toContain(`包裹：UPS ${trackingNumber}，運送中`);
    expect(answer).toContain('總計 $2,480.00'); // TWD as Taiwan writes it
    // The widget's own words follow the conversation's language (issue 22 §7).
    expect(await shopperPage.locator('loyaldesk-chat textarea').getAttribute('placeholder')).toBe('請輸入訊息…');
    await shoot(shopperPage, '2-tracking-answer');

    // 3. AfterShip reports an exception on that tracking number: the open widget shows the notice.
    await reportException();
    const transcript = () => shopperPage.evaluate<string>("document.querySelector('loyaldesk-chat').shadowRoot.querySelector('.messages').innerText");
    await expect
      .poll(transcript, { timeout: 45_000 })
      .toMatch(new RegExp(`訂單 #1101：UPS 自.+起回報您的包裹出現異常（${trackingNumber}）。我們的客服人員已在處理`));
    await shoot(shopperPage, '3-exception-notice');

    // 4. The agent's console: the proactive ticket in the live queue, ranked, with its explanation.
    const agentApi = await signInAgent(stack.ticketingUrl, 'agent');
    const queued = ticketListResponseSchema.parse((await agentApi.get('/tickets?status=open')).body).items;
    const rank = queued.findIndex((ticket) => ticket.customerId === shopper.customerId && ticket.proactive) + 1;
    const proactive = queued[rank - 1];
    expect(proactive, JSON.stringify(queued)).toBeDefined();
    const agentPage = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })).newPage();
    await agentPage.goto(`${consoleApp.url}/`);
    await agentPage.getByLabel('Email').fill(demoAccounts.agent.email);
    await agentPage.getByLabel('Password').fill(demoAccounts.agent.password);
    await agentPage.getByRole('button', { name: 'Sign in' }).click();
    await agentPage.getByRole('heading', { name: 'Queue' }).waitFor();
    const row = agentPage.getByRole('list', { name: 'Queue' }).locator(`li[data-ticket-id="${proactive?.id}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-rank')).toBe(String(rank));
    // A delayed parcel comes before a guest's general question (both Bronze: NT$2,480 is below silver).
    expect(queued.map((ticket) => ticket.id)).toEqual([proactive?.id, guestTicket]);
    expect(await row.innerText()).toContain(`${shopper.firstName} ${shopper.lastName}`);
    expect(proactive?.tier).toBe('bronze');
    expect(await row.locator('.chip.proactive').innerText()).toBe('Proactive');
    expect(await row.locator('.row-why').innerText()).toBe(proactive?.explanation);
    expect(proactive?.explanation).toMatch(/^Bronze, delayed order: target /);
    await shoot(agentPage, '4-agent-queue');
    await shopperPage.context().close();
    await agentPage.context().close();
  }, 240_000);
});
