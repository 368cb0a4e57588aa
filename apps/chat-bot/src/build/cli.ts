import path from 'node:path';
import { buildChatServer } from './build-server.ts';

// `npm run build -w apps/chat-bot`: writes dist/ for `npm start`.
try {
  const { entry, milliseconds } = await buildChatServer();
  console.log(`chat bot built: ${path.relative(process.cwd(), entry)} in ${milliseconds} ms`);
} catch (error) {
  console.error(`chat bot build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
