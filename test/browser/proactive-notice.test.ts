import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIdentityToken } from '@loyaldesk/chat-bot/identity-token';
import { repoRoot } from '@loyaldesk/platform/local-servers';
import { eventually } from '../support/eventually.ts';
import { startStack, type Stack } from '../support/stack.ts';

// A signed-in shopper's storefront in Traditional Chinese: a carrier exception on their parcel reaches
// the widget as a notice in their language, live (badge on the closed launcher) and, after they
// left the page, as unread when they come back (the badge from the resume).

const screenshots = path.join(repoRoot, 'docs', 'screenshots');
const shopSecret = 'proactive-browser-shop-webhook-secret';
const afterShipSecret = 'proactive-browser-aftership-secret';
const identitySecret = 'proactive-browser-identity-secret-0123';
const hour = 3_600_000;
const hoursFromNow = (hours: number): string => new Date(Date.now() + hours * hour).toISOString();
const shadow = "document.querySelector('loyaldesk-chat').shadowRoot";

describe('a proactive delivery notice in the widget (Chromium)', () => {
  let stack: Stack;
  let browser: Browser;
  let mongo: MongoClient;
  let shop: Server;
  let shopUrl: string;

  async function post(pathname: string, body: string, headers: Record<string, string>): Promise<void> {
    const response = await fetch(`${stack.ticketingUrl}${pathname}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    expect(response.status, await response.text()).toBe(200);
  }

  async function ingestOrder(number: string): Promise<void> {
    const order = {
      number,
      customer: { id: 'cus_tw', email: 'mei.lin@example.com', name: '林美玲', locale: 'zh-TW' },
      placedAt: hoursFromNow(-96),
      status: 'shipped',
      currency: 'USD',
      lineItems: [{ sku: 'KETTLE-1', name: '快煮壺', quantity: 1, unitPrice: 4_900 }],
      totals: { subtotal: 4_900, total: 4_900 },
      shipments: [
        { id: `shp_${number}`, carrier: 'UPS', trackingNumber: `1Z${number}TW100000`, status: 'in_transit', shippedAt: hoursFromNow(-80), estimatedDelivery: hoursFromNow(24), events: [] },
      ],
    };
    const body = JSON.stringify({ id: `evt_order_${number}`, type: 'order.created', order });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', shopSecret).update(`${timestamp}.`).update(body).digest('hex');
    await post('/api/webhooks/orders', body, { 'X-Loyaldesk-Signature': `t=${timestamp},v1=${signature}` });
  }

  async function reportException(number: string): Promise<void> {
    const checkpoint = (at: string, tag: string, message: string) => ({ slug: 'ups', created_at: at, checkpoint_time: at, location: 'Louisville, KY, USA', message, tag, subtag: `${tag}_001` });
    const body = JSON.stringify({
      event: 'tracking_update',
      event_id: `5f1c1e8a-0000-4000-8000-00000000${number}`,
      ts: Math.floor(Date.now() / 1000),
      msg: {
        tracking_number: `1Z${number}TW100000`, slug: 'ups', tag: 'Exception', subtag: 'Exception_001', updated_at: hoursFromNow(-1),
        checkpoints: [checkpoint(hoursFromNow(-72), 'InTransit', 'Picked up'), checkpoint(hoursFromNow(-3), 'Exception', 'Held at depot')],
      },
    });
    await post('/api/webhooks/aftership', body, { 'aftership-hmac-sha256': createHmac('sha256', afterShipSecret).update(body).digest('base64') });
  }

  const badge = (page: Page) => page.locator('loyaldesk-chat .badge');
  const noticeCount = () =>
    mongo.db(stack.dbName).collection('chat_customer_notices').findOne({ _id: 'cus_tw' as never }).then((record) => (record?.['shown'] as unknown[] | undefined)?.length ?? 0);

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    shop = createServer((_request, response) => {
      const token = signIdentityToken(identitySecret, 'cus_tw', new Date(Date.now() + hour));
      const page = `<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8"><title>茶器小舖</title></head>
<body><h1>茶器小舖</h1><script src="${stack.chatUrl}/widget.js" data-shop="tw" data-shop-name="茶器小舖" data-identity-token="${token}" async></script></body></html>`;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopUrl = `http://tea-shop.example:${(shop.address() as AddressInfo).port}`;
    stack = await startStack({
      env: {
        ticketing: { SHOP_WEBHOOK_SECRET: shopSecret, AFTERSHIP_WEBHOOK_SECRET: afterShipSecret },
        'chat-bot': { SHOP_IDENTITY_SECRET: identitySecret, SHOP_ORIGIN: shopUrl },
      },
    });
    mongo = await MongoClient.connect(stack.mongoUri);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--host-resolver-rules=MAP tea-shop.example 127.0.0.1'] });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await mongo?.close();
    await stack?.stop();
    await new Promise((resolve) => shop?.close(resolve));
  }, 60_000);

  it('shows the notice in Traditional Chinese: unread after the shopper comes back, and live on the closed launcher', async () => {
    await ingestOrder('7301');
    await ingestOrder('7302');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(shopUrl);
    await page.locator('loyaldesk-chat .launcher').click();
    const bot = page.locator('loyaldesk-chat li.row.bot .bubble');
    await expect.poll(() => bot.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.locator('loyaldesk-chat textarea').fill('你好');
    await page.keyboard.press('Enter');
    await expect.poll(() => bot.count(), { timeout: 30_000 }).toBeGreaterThan(1);
    await page.keyboard.press('Escape');

    // The shopper leaves; the carrier reports the first parcel held at the depot.
    await page.goto('about:blank');
    await reportException('7301');
    await eventually('the first notice stored in the conversation', async () => (await noticeCount()) === 1);
    await page.goto(shopUrl);
    await expect.poll(() => badge(page).innerText(), { timeout: 30_000 }).toBe('1');

    // Still on the page, launcher closed: the second parcel's notice arrives live.
    await reportException('7302');
    await expect.poll(() => badge(page).innerText(), { timeout: 30_000 }).toBe('2');
    await page.screenshot({ path: path.join(screenshots, 'widget-proactive-unread.png') });
    await page.locator('loyaldesk-chat .launcher').click();
    expect(await badge(page).isVisible()).toBe(false);
    const transcript = await page.evaluate<string>(`${shadow}.querySelector('.messages').innerText`);
    expect(transcript).toMatch(/訂單 #7301：UPS 自.+起回報您的包裹出現異常（1Z7301TW100000）。我們的客服人員已在處理/);
    expect(transcript).toMatch(/訂單 #7302：UPS 自.+起回報您的包裹出現異常（1Z7302TW100000）/);
    await page.screenshot({ path: path.join(screenshots, 'widget-proactive-notice.png') });
    await context.close();
  });
});
