export {
  createCustomerProfileService,
  guestCustomerId,
  validationErrorFrom,
  valueHistogramId,
  type CustomerProfileService,
  type CustomerProfileServiceOptions,
  type IngestResult,
} from './customer-profile-service.ts';
