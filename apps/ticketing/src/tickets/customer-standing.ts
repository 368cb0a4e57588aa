import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import type { CustomerStanding } from './open-ticket.ts';

/** Reads a customer's tier, value percentile and display name through the customer-profile service. */
export function customerStandingFromProfiles(
  profiles: Pick<CustomerProfileService, 'getCustomer'>,
): (customerId: string) => Promise<CustomerStanding | null> {
  return async (customerId) => {
    const profile = await profiles.getCustomer(customerId);
    return profile
      ? { tier: profile.tier, valuePercentile: profile.value.percentile, name: profile.name ?? profile.email }
      : null;
  };
}
