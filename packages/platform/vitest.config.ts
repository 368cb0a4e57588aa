import { loyaldeskVitestConfig } from './src/testing/vitest-config.ts';

export default loyaldeskVitestConfig();
