import { loyaldeskVitestConfig } from '@loyaldesk/platform/testing/vitest';

export default loyaldeskVitestConfig();
