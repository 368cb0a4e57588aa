export * from './schemas/index.ts';
export {
  createCustomerProfileService,
  guestCustomerId,
  type CustomerProfileService,
  type CustomerProfileServiceOptions,
  type IngestResult,
} from './service/index.ts';
