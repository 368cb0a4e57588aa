import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChatApp, type TestChatApp } from '../testing/chat-test-app.ts';

describe('widget and demo page over HTTP', () => {
  let chat: TestChatApp;

  beforeAll(async () => {
    chat = await startTestChatApp();
  });
  afterAll(() => chat.close());

  it('serves the bundled widget script with socket.io-client and our event names', async () => {
    const response = await fetch(`${chat.url}/widget.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    const script = await response.text();
    expect(script).toContain('conversation.start');
    expect(script).toContain('data-loyaldesk-widget');
    expect(script).toContain('在线咨询');
    expect(script.length).toBeLessThan(100_000); // ~80 KB: our UI plus socket.io-client, no zod
    const again = await fetch(`${chat.url}/widget.js`, {
      headers: { 'if-none-match': response.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('serves a demo storefront that embeds the widget with one script tag, in the chosen language', async () => {
    const page = await (await fetch(`${chat.url}/?lang=zh-Hant`)).text();
    expect(page).toContain('<html lang="zh-Hant">');
    expect(page.match(/<script\b[^>]*>/g)).toEqual([
      '<script src="/widget.js" data-shop="demo" data-shop-name="山葉茶舖" data-accent="#0f5e4f" async>',
    ]);
    expect(page).toContain('宜興紫砂壺');
    expect(await (await fetch(`${chat.url}/?lang=klingon`)).text()).toContain('<html lang="en">');
  });

  it('sends security headers: a script-tight CSP, nosniff, no framing; only /widget.js may be loaded by other sites', async () => {
    for (const path of ['/', '/health', '/widget.js', '/admin']) {
      const response = await fetch(`${chat.url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy, path).toContain("script-src 'self';");
      expect(policy, path).toContain("frame-ancestors 'none'");
      expect(policy, path).toContain("object-src 'none'");
      expect(policy, path).not.toContain('unsafe-eval');
      expect(response.headers.get('cross-origin-resource-policy'), path).toBe(
        path === '/widget.js' ? 'cross-origin' : 'same-origin',
      );
    }
    expect((await fetch(`${chat.url}/widget.js`)).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers health checks and unknown paths with JSON', async () => {
    expect(await (await fetch(`${chat.url}/health`)).json()).toEqual({ status: 'ok' });
    const missing = await fetch(`${chat.url}/admin`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'loyaldesk:not_found', message: 'GET /admin does not exist' },
    });
  });
});
