import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '@loyaldesk/platform/errors';
import { defaultShippingPolicyFile, loadShippingPolicy, parseShippingPolicy } from './shipping-policy.ts';

async function examplePolicy(): Promise<Record<string, unknown>> {
  return parse(await readFile(defaultShippingPolicyFile, 'utf8')) as Record<string, unknown>;
}

function refusal(input: unknown): ConfigError {
  try {
    parseShippingPolicy(input, 'test policy');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the policy was accepted');
}

describe('shipping policy file', () => {
  it('loads the example shipped with the app', async () => {
    const policy = await loadShippingPolicy();
    expect(policy.currency).toBe('USD');
    expect(policy.zones.map((zone) => zone.id)).toContain('canada');
    expect(policy.options[0]?.rates.find((rate) => rate.zone === 'canada')?.cost).toBe(12);
  });

  it('names the bad field and says what is expected', async () => {
    const example = await examplePolicy();
    const badZone = structuredClone(example);
    const rate = (badZone['options'] as Array<{ rates: Array<Record<string, unknown>> }>)[0]?.rates[1];
    if (rate) rate['zone'] = 'canda';
    const error = refusal(badZone);
    expect(error.field).toBe('options[0].rates[1].zone');
    expect(error.message).toContain('options[0].rates[1].zone: unknown zone "canda"');

    expect(refusal({ ...example, timeZone: 'Mars/Olympus' }).field).toBe('timeZone');
    expect(
      refusal({ ...example, dispatch: { ...(example['dispatch'] as object), cutOffTime: '2pm' } }).message,
    ).toContain('dispatch.cutOffTime: must be a 24-hour time HH:MM');
  });

  it('refuses a country in two zones and a second rest-of-world zone', async () => {
    const example = await examplePolicy();
    const zones = example['zones'] as Array<Record<string, unknown>>;
    const twice = refusal({
      ...example,
      zones: [...zones, { id: 'north', name: zones[0]?.['name'], countries: ['CA'] }],
    });
    expect(twice.message).toContain('CA is already in zone "canada"');
    const twoWorlds = refusal({
      ...example,
      zones: [...zones, { id: 'world2', name: zones[0]?.['name'], restOfWorld: true }],
    });
    expect(twoWorlds.message).toContain('only one zone may be restOfWorld');
  });

  it('reports a file it cannot read or parse with its path', async () => {
    await expect(loadShippingPolicy('/nonexistent/policy.yaml')).rejects.toThrow(
      /Cannot read the shipping policy \/nonexistent\/policy.yaml/,
    );
  });
});
