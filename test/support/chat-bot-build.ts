import { buildChatServer } from '@loyaldesk/chat-bot/build';

let built: Promise<string> | undefined;

/**
 * The chat bot's bundle (`apps/chat-bot/dist/main.js`), built once per test process: stacks run
 * the chat bot as `npm start` does, from its build. Test files run one at a time, so no two
 * processes rebuild it at once.
 */
export function chatBotEntry(): Promise<string> {
  built ??= buildChatServer().then((result) => result.entry);
  return built;
}
