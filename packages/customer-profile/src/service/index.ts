export {
  createCustomerProfileService,
  guestCustomerId,
  validationErrorFrom,
  valueHistogramId,
  type BulkIngestResult,
  type CustomerProfileService,
  type CustomerProfileServiceOptions,
  type IngestedPurchase,
  type IngestResult,
  type TrackedShipmentChange,
} from './customer-profile-service.ts';
