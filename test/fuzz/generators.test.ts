import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sendMessagePayloadSchema, shopperTypingPayloadSchema, startConversationPayloadSchema } from '@loyaldesk/contracts/chat-events';
import { clientEvents as agentSocketEvents } from '@loyaldesk/ticketing/agents-socket';
import { mutated } from './hostile-values.ts';
import { targetsFromOpenApi, type KnownValues } from './http-targets.ts';
import { arbitraryFromJsonSchema } from './json-schema-arbitrary.ts';
import { DuplicateKeys, encodeJson, needsRawText, RawJson } from './raw-json.ts';
import { jsonSchemaOf } from './socket-targets.ts';

function validShare(schema: z.ZodType): number {
  const values = fc.sample(arbitraryFromJsonSchema(jsonSchemaOf(schema)), { numRuns: 300, seed: 7 });
  return values.filter((value) => schema.safeParse(value).success).length / values.length;
}

describe('arbitraryFromJsonSchema', () => {
  // Cross-field rules (superRefine, e.g. the SLA policy's tier order) are not in JSON Schema: those
  // routes get real bodies mixed in (fuzz-suite.ts `validBodies`).
  it('generates values the zod schemas accept (the "valid" share of the fuzz payloads is valid)', () => {
    const schemas: Record<string, z.ZodType> = {
      'conversation.start': startConversationPayloadSchema,
      'message.send': sendMessagePayloadSchema,
      typing: shopperTypingPayloadSchema,
      ...Object.fromEntries(Object.entries(agentSocketEvents).map(([event, definition]) => [`/agents ${event}`, definition.payload])),
      'bounded numbers and records': z.object({
        limit: z.number().int().min(1).max(100),
        share: z.number().gt(0).lt(100),
        perTier: z.record(z.enum(['bronze', 'gold']), z.number().int().min(1)),
        tags: z.array(z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/)).min(1).max(5),
      }),
    };
    const shares = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, validShare(schema)]));
    for (const [name, share] of Object.entries(shares)) expect(share, name).toBeGreaterThanOrEqual(0.85);
  });
});

describe('mutated', () => {
  it('changes valid values so that most no longer parse', () => {
    const values = fc.sample(mutated(arbitraryFromJsonSchema(jsonSchemaOf(sendMessagePayloadSchema))), { numRuns: 300, seed: 7 });
    const stillValid = values.filter((value) => !needsRawText(value) && sendMessagePayloadSchema.safeParse(value).success).length;
    expect(stillValid / values.length).toBeLessThan(0.3);
  });
});

describe('encodeJson', () => {
  it('writes raw fragments, repeated keys and own __proto__ keys as given', () => {
    const value = { a: new RawJson(Buffer.from('1e309'), 'big'), b: new DuplicateKeys([['x', 1], ['x', { $gt: '' }]]), c: JSON.parse('{"__proto__":{"admin":true}}') as unknown };
    expect(encodeJson(value).toString()).toBe('{"a":1e309,"b":{"x":1,"x":{"$gt":""}},"c":{"__proto__":{"admin":true}}}');
    expect(encodeJson([new RawJson(Buffer.from([0xff]), 'byte')])).toEqual(Buffer.from([0x5b, 0xff, 0x5d]));
    expect(encodeJson({ plain: [1, 'two'] }).toString()).toBe('{"plain":[1,"two"]}');
  });
});

describe('targetsFromOpenApi', () => {
  const agentId = { name: 'agentId', in: 'path', required: true, schema: { type: 'string', minLength: 1 } };
  const document = {
    paths: {
      '/api/agents/{agentId}': { patch: { parameters: [agentId], 'x-required-role': 'admin' } },
      '/api/tickets/{ticketId}/assign': { post: { parameters: [{ ...agentId, name: 'ticketId' }], 'x-required-role': 'manager' } },
    },
  };
  const known: KnownValues = {
    ticketIds: ['tkt_1'],
    agentIds: ['demo-agent', 'demo-manager', 'demo-admin'],
    changeableAgentIds: ['fuzz-target-1', 'demo-admin'],
    emails: [],
    orderNumbers: [],
    customerIds: [],
    queueNames: [],
  };
  const pathsOf = (name: string): string[] => {
    const target = targetsFromOpenApi(document, known).find((one) => one.name === name);
    if (!target) throw new Error(`no target ${name}`);
    return fc.sample(target.requests, { numRuns: 500, seed: 7 }).map((request) => (request.path.split('?')[0] ?? '').replace(/^.*\//, ''));
  };

  it('changes only the accounts it may through the agent admin routes, never the agent and manager the harness signs in as', () => {
    const changed = pathsOf('PATCH /api/agents/{agentId}');
    expect(changed.filter((id) => id === 'demo-agent' || id === 'demo-manager')).toEqual([]);
    expect(changed.filter((id) => id === 'fuzz-target-1').length).toBeGreaterThan(50);
    expect(changed).toContain('demo-admin');
  });
});
