/**
 * Public signing secrets for a local demo: `npm start` gives them to ticketing (unless the shell
 * sets real ones) and `npm run demo:shop` signs with them. Ticketing refuses them unless NODE_ENV
 * is development or test (see env.ts), like its other dev values.
 */
export const developmentWebhookSecrets = {
  SHOPIFY_WEBHOOK_SECRET: 'loyaldesk-dev-only-shopify-webhook-secret',
  AFTERSHIP_WEBHOOK_SECRET: 'loyaldesk-dev-only-aftership-webhook-secret',
} as const;
