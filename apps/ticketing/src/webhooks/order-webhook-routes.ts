import { z } from 'zod';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import { ValidationError } from '@loyaldesk/platform/errors';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import { ingestOrder, type OrderIngestionDeps } from '../orders/ingest-order.ts';
import { orderEventSchema } from './order-webhook.ts';
import { signatureHeader, verifyWebhookSignature } from './webhook-signature.ts';

/** The shop's signed order webhook. */
export function orderWebhookRoutes(deps: OrderIngestionDeps & { secret: string; clock?: () => Date }): RouteDefinition[] {
  const clock = deps.clock ?? (() => new Date());
  return [
    defineRoute({
      method: 'post',
      path: '/webhooks/orders',
      summary: 'Receive an order event from the shop (HMAC-signed)',
      description: `Header ${signatureHeader}: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the shop secret>; the timestamp must be within 5 minutes. Body: { id, type, order } with the order in the customer-profile order shape. Re-deliveries are harmless.`,
      tag: 'webhooks',
      access: 'public',
      csrf: false,
      rawBody: true,
      body: orderEventSchema,
      response: z.object({
        eventId: z.string(),
        orderOutcome: z.enum(['created', 'updated', 'unchanged', 'stale']),
        customerId: z.string(),
        rerankedTickets: z.number().int(),
      }),
      errors: [401, 409],
      handler: async ({ req }) => {
        // Verified over the exact bytes received, before anything is parsed or stored.
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        verifyWebhookSignature(deps.secret, raw, req.get(signatureHeader), clock());
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch (error) {
          throw new ValidationError('The body is not valid JSON', 'body', error);
        }
        const event = orderEventSchema.safeParse(json);
        if (!event.success) throw validationErrorFrom(event.error, 'order event');
        const { orderNumber: _orderNumber, ...outcome } = await ingestOrder(deps, event.data.order);
        return { eventId: event.data.id, ...outcome };
      },
    }),
  ];
}
