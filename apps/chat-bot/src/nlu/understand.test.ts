import { ValidationError } from '@loyaldesk/platform/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNlu, maxMessageLength, understand, understandingSchema, type Nlu } from './understand.ts';

describe('understand', () => {
  let nlu: Nlu;
  beforeAll(async () => {
    nlu = await createNlu();
  }, 120_000);

  it.each([
    ['where is my order 1042', 'order.status', 'en'],
    ['我的订单1042到哪了', 'order.status', 'zh-Hans'],
    ['我的訂單1042到哪裡了', 'order.status', 'zh-Hant'],
    ['how much is shipping to Canada', 'shipping.cost', 'en'],
    ['运费多少', 'shipping.cost', 'zh-Hans'],
    ['talk to a human', 'agent.handoff', 'en'],
  ] as const)('reads the issue example %j as %s in %s', async (text, intent, language) => {
    const result = await nlu.understand(text);
    expect(result.intent).toBe(intent);
    expect(result.language).toBe(language);
  });

  it('classifies a message whose entities differ from an earlier one exactly as the model does (kept classification)', async () => {
    const first = await nlu.understand('where is my order 1000123, it is late');
    const again = await nlu.understand('where is my order 2000456, it is late');
    expect(again.intent).toBe(first.intent);
    expect(again.score).toBe(first.score);
    // Entities are read from each message, never from the kept classification.
    expect(first.entities.orderNumbers).toEqual(['1000123']);
    expect(again.entities.orderNumbers).toEqual(['2000456']);
    // A caller changing its result changes nothing kept.
    (again as { intent: string }).intent = 'greeting';
    expect((await nlu.understand('where is my order 3000789, it is late')).intent).toBe(first.intent);
  });

  it('returns the entities with the intent', async () => {
    const result = await nlu.understand('how much is shipping to Canada');
    expect(result.entities).toEqual({ orderNumbers: [], emails: [], trackingNumbers: [], country: 'CA' });
    const status = await nlu.understand('訂單號 1042 還沒出貨嗎？我的信箱是 Wong@Example.com');
    expect(status.entities.orderNumbers).toEqual(['1042']);
    expect(status.entities.emails).toEqual(['wong@example.com']);
  });

  it('returns a result the schema accepts, with a score between 0 and 1', async () => {
    const result = await nlu.understand('my parcel arrived smashed');
    expect(understandingSchema.parse(result)).toEqual(result);
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThanOrEqual(1);
  });

  it('reads full-width digits and letters like ASCII', async () => {
    const result = await nlu.understand('ｏｒｄｅｒ　＃１０４２ 到哪了');
    expect(result.entities.orderNumbers).toEqual(['1042']);
    expect(result.intent).toBe('order.status');
  });

  it('says none below the score threshold', async () => {
    const strict = await createNlu({ scoreThreshold: 1.01 });
    const result = await strict.understand('where is my order 1042');
    expect(result.intent).toBe('none');
    expect(result.score).toBeGreaterThan(0.5);
  });

  it('refuses empty and over-long messages with a ValidationError on the text field', async () => {
    await expect(nlu.understand('   ')).rejects.toThrow(ValidationError);
    await expect(nlu.understand('a'.repeat(maxMessageLength + 1))).rejects.toMatchObject({
      code: 'loyaldesk:validation_failed',
      field: 'text',
    });
    const longest = await nlu.understand(`where is my order ${'please '.repeat(280)}`.slice(0, maxMessageLength));
    expect(longest.language).toBe('en');
  });

  it('has a shared instance behind the plain function', async () => {
    expect((await understand('thank you so much')).intent).toBe('thanks');
  });
});
