import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import { repoRoot } from '@loyaldesk/platform/local-servers';
import { connectMongo } from '@loyaldesk/platform/mongo';
import { developmentWebhookSecrets } from '@loyaldesk/ticketing/development-webhook-secrets';
import { signInAgent } from '../support/agent-session.ts';
import { inheritedEnvironment } from '../support/env.ts';
import { eventually } from '../support/eventually.ts';
import { startStack, type Stack } from '../support/stack.ts';

// `npm run demo:shop` against a stack configured as `npm start` configures ticketing (its dev
// webhook secrets): the signed Shopify order and fulfillment and the AfterShip exception it sends
// leave an order with its shipment and a proactive ticket.

const run = promisify(execFile);
const demoCommand = path.join(repoRoot, 'scripts', 'demo-shop.ts');

const proactiveSummarySchema = z.object({
  items: z.array(
    z.object({ id: z.string(), proactive: z.string().nullable(), issueKind: z.string(), explanation: z.string() }),
  ),
});
const proactiveDetailSchema = z.object({
  ticket: z.object({
    proactive: z.object({ kind: z.string(), orderNumber: z.string(), trackingNumber: z.string() }).nullable(),
  }),
});

describe('npm run demo:shop', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ env: { ticketing: { ...developmentWebhookSecrets } } });
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('sends a signed order, fulfillment and carrier exception: the order, its shipment and a proactive ticket exist', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', demoCommand], {
      cwd: repoRoot,
      env: {
        ...inheritedEnvironment(),
        ...developmentWebhookSecrets,
        TICKETING_URL: stack.ticketingUrl,
        CHAT_URL: stack.chatUrl,
      },
      timeout: 60_000,
    });
    const orderNumber = /order #(\d+) for/.exec(stdout)?.[1];
    const trackingNumber = /UPS (1ZDEMO\d+)/.exec(stdout)?.[1];
    expect(orderNumber, stdout).toBeDefined();
    expect(stdout).toContain(`${stack.chatUrl}/?lang=zh-Hant`);

    const connection = await connectMongo({ uri: stack.mongoUri, dbName: stack.dbName, attempts: 3 });
    try {
      const order = await createCustomerProfileService({ connection }).getOrder(orderNumber ?? '');
      expect(order?.customerLocale).toBe('zh-TW');
      expect(order?.shipments).toEqual([
        expect.objectContaining({ carrier: 'UPS', trackingNumber, status: 'exception' }),
      ]);
    } finally {
      await connection.close();
    }

    const agent = await signInAgent(stack.ticketingUrl, 'agent');
    const proactive = await eventually('the proactive ticket in the open queue', async () => {
      const list = await agent.expect('get', '/tickets?status=open', proactiveSummarySchema);
      return list.items.find((item) => item.proactive === 'exception');
    });
    expect(proactive.explanation).not.toBe('');
    const detail = await agent.expect('get', `/tickets/${proactive.id}`, proactiveDetailSchema);
    expect(detail.ticket.proactive).toMatchObject({ kind: 'exception', orderNumber, trackingNumber });
  });

  it('says what to do when ticketing does not answer', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', demoCommand], {
      cwd: repoRoot,
      env: { ...inheritedEnvironment(), TICKETING_URL: 'http://127.0.0.1:9' },
      timeout: 60_000,
    }).then(
      () => null,
      (error: unknown) => error as { code?: number; stderr?: string },
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/cannot reach ticketing at http:\/\/127\.0\.0\.1:9.*Is `npm start` running\?/);
  });
});
