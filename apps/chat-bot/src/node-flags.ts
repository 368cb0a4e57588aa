/**
 * The `node` flags the chat bot runs with (`npm start`, `npm start -w apps/chat-bot`, the chat
 * benchmark). A 64 MB young generation (V8's default tops out at 16 MB): a turn's objects live for
 * the few milliseconds its database calls take, and with the small default they were scavenged
 * ~6 times a second under load and partly promoted; at 64 MB the collector's total pause time
 * halved (scavenges 571 → 166 in a benchmark round) and the p99 at 500 questions/s fell with it.
 */
export const chatBotNodeFlags: readonly string[] = ['--max-semi-space-size=64'];
