import { loyaldeskVitestConfig } from './src/testing/vitest-config.mjs';

export default loyaldeskVitestConfig();
