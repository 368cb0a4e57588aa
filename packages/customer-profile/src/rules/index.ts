export { evaluateTier, tierTimeline, type DatedTierFloor, type TierEvaluation, type TierTimeline } from './tier.ts';
export { applyTierFloor, tierFloorOf } from './tier-floor.ts';
export { valueBucket, valueBucketFloor, valueBucketCount, valuePercentile, predictedLtv } from './value.ts';
export {
  applyOrderToCustomer,
  buildCustomerFromOrders,
  customerAsOf,
  deriveCustomer,
  mergeOrder,
  orderFacts,
  type CustomerBasis,
  type OrderFacts,
} from './customer-state.ts';
export { formatMoney } from './money.ts';
export {
  applyTrackingReport,
  keepTrackedState,
  mergeDeliveryEstimates,
  mergeTrackingEvents,
  normalizeTrackingNumber,
} from './shipment-tracking.ts';
