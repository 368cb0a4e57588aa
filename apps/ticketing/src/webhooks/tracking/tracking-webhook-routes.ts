import { z } from 'zod';
import type { Request, Response } from 'express';
import { defineRoute, type RouteDefinition } from '../../http/route.ts';
import { trackingUpdateFromAfterShip } from './aftership-mapping.ts';
import { afterShipWebhookSchema } from './aftership-payloads.ts';
import { trackingUpdateFromEasyPost } from './easypost-mapping.ts';
import { easyPostEventSchema, easyPostTrackerSchema } from './easypost-payloads.ts';
import type { TrackingIngestion } from './record-tracking-update.ts';
import { afterShipHmacHeader, easyPostHmacHeader, verifyAfterShipWebhook, verifyEasyPostWebhook } from './tracking-signature.ts';
import type { TrackingWebhookStore } from './tracking-webhook-store.ts';
import type { TrackingUpdate } from './tracking-update.ts';
import { parseWebhookJson, parseWebhookPayload } from '../webhook-body.ts';

export const trackingWebhookResponseSchema = z.object({
  provider: z.enum(['aftership', 'easypost']),
  /** pending (202): no order carries the tracking number yet; the update is kept and applied when one arrives. */
  outcome: z.enum(['recorded', 'unchanged', 'pending', 'duplicate', 'ignored']),
  orderNumbers: z.array(z.string()),
});
type TrackingWebhookResponse = z.infer<typeof trackingWebhookResponseSchema>;

export interface TrackingWebhookDeps {
  tracking: TrackingIngestion;
  store: TrackingWebhookStore;
  /** Secrets per provider (several during a rotation); a provider without any is not mounted (404). */
  afterShipSecrets: readonly string[];
  easyPostSecrets: readonly string[];
  clock?: () => Date;
}

function rawBodyOf(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

/**
 * Carrier tracking webhooks: AfterShip and EasyPost. The HMAC is checked over the raw bytes before
 * anything is parsed; a delivery id already applied is answered at once; the update is applied to
 * its shipments through the tracking-number lookup, or kept as pending (202) when no order carries
 * the number yet, since both providers retry non-2xx answers for days and the order may follow.
 */
export function trackingWebhookRoutes(deps: TrackingWebhookDeps): RouteDefinition[] {
  const clock = deps.clock ?? (() => new Date());

  async function deliver(update: TrackingUpdate, topic: string, res: Response): Promise<TrackingWebhookResponse> {
    const { provider, deliveryId } = update;
    if (deliveryId && (await deps.store.wasApplied(provider, deliveryId))) return { provider, outcome: 'duplicate', orderNumbers: [] };
    const result = await deps.tracking.record(update);
    if (deliveryId) await deps.store.markApplied(provider, deliveryId, topic, clock());
    if (result.outcome === 'pending') res.locals['status'] = 202;
    return { provider, ...result };
  }

  const routes: RouteDefinition[] = [];
  if (deps.afterShipSecrets.length > 0) {
    routes.push(
      defineRoute({
        method: 'post',
        path: '/webhooks/aftership',
        summary: 'Receive an AfterShip tracking webhook',
        description: `Header ${afterShipHmacHeader}: base64 HMAC-SHA256 of the raw body with the webhook secret. Tracking events (tracking_update, edd_revise, …) update the shipments with that tracking number; event_id deduplicates. An unknown tracking number is kept (202) and applied when its order arrives.`,
        tag: 'webhooks',
        access: 'public',
        csrf: false,
        rawBody: true,
        response: trackingWebhookResponseSchema,
        errors: [400, 401],
        handler: async ({ req, res }) => {
          const raw = rawBodyOf(req);
          verifyAfterShipWebhook(deps.afterShipSecrets, raw, req.get(afterShipHmacHeader));
          const webhook = parseWebhookPayload(afterShipWebhookSchema, parseWebhookJson(raw), 'AfterShip webhook');
          return deliver(trackingUpdateFromAfterShip(webhook), webhook.event, res);
        },
      }),
    );
  }
  if (deps.easyPostSecrets.length > 0) {
    routes.push(
      defineRoute({
        method: 'post',
        path: '/webhooks/easypost',
        summary: 'Receive an EasyPost webhook Event',
        description: `Header X-Hmac-Signature: hmac-sha256-hex=<hex HMAC-SHA256 of the raw body with the webhook secret>. tracker.created and tracker.updated update the shipments with that tracking code (other events are acknowledged and ignored); the Event id deduplicates. An unknown tracking code is kept (202) and applied when its order arrives.`,
        tag: 'webhooks',
        access: 'public',
        csrf: false,
        rawBody: true,
        response: trackingWebhookResponseSchema,
        errors: [400, 401],
        handler: async ({ req, res }) => {
          const raw = rawBodyOf(req);
          verifyEasyPostWebhook(deps.easyPostSecrets, raw, req.get(easyPostHmacHeader));
          const event = parseWebhookPayload(easyPostEventSchema, parseWebhookJson(raw), 'EasyPost event');
          if (event.description !== 'tracker.updated' && event.description !== 'tracker.created') {
            return { provider: 'easypost' as const, outcome: 'ignored' as const, orderNumbers: [] };
          }
          const { result: tracker } = parseWebhookPayload(z.object({ result: easyPostTrackerSchema }), { result: event.result }, 'EasyPost event');
          return deliver(trackingUpdateFromEasyPost(event, tracker, clock()), event.description, res);
        },
      }),
    );
  }
  return routes;
}
