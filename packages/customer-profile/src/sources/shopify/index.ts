// Shopify's order JSON as loyaldesk's orders: used by the Shopify webhook (ticketing) and
// `npm run import -- --format shopify` alike.
export { customerTagsFromShopify, decodeShopifyOrderLine, parseShopifyJson, orderInputFromShopify, orderNumberFromName, orderNumberOfFulfillment, orderStatusOf, refundedAmount, shipmentOf, shipmentStatusOf } from './shopify-order-mapping.ts';
export { shopifyFulfillmentSchema, shopifyOrderSchema, shopifyRefundSchema, type ShopifyFulfillment, type ShopifyOrder, type ShopifyRefund } from './shopify-payloads.ts';
