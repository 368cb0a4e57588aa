import { createCustomerProfileService } from '@loyaldesk/customer-profile/service';
import { demoCustomerCount, seedDatabase } from '@loyaldesk/customer-profile/seed';
import { connectMongo } from '@loyaldesk/platform/mongo';
import type { Stack } from './stack.ts';

/** The demo shopper of the README: order 1042, Alice Walker (`cus_demo_alice`, silver). */
export const demoShopper = {
  orderNumber: '1042',
  email: 'alice.walker@example.com',
  customerId: 'cus_demo_alice',
  name: 'Alice Walker',
} as const;

/**
 * Seeds the stack's database with the demo shop's fixed customers and their 46 orders (1001–1046,
 * see packages/customer-profile/src/seed/index.ts), as `npm start` does on a first run, minus the
 * generated customers. Idempotent.
 */
export async function seedDemoShop(stack: Pick<Stack, 'mongoUri' | 'dbName'>): Promise<void> {
  const connection = await connectMongo({ uri: stack.mongoUri, dbName: stack.dbName, attempts: 3 });
  try {
    const profiles = createCustomerProfileService({ connection });
    await profiles.init();
    await seedDatabase(profiles, { seed: 42, customers: demoCustomerCount });
  } finally {
    await connection.close();
  }
}
