/**
 * The `node` flags the chat bot runs with (`npm start`, `npm start -w apps/chat-bot`, the chat
 * benchmark). Both are about the collector on a small machine under load:
 * - a 64 MB young generation (V8's default tops out at 16 MB): a turn's objects live for the few
 *   milliseconds its database calls take, and with the small default they were scavenged ~6 times
 *   a second under load and partly promoted; at 64 MB the collector's total pause time halved
 *   (scavenges 571 → 166 in a benchmark round) and the p99 at 500 questions/s fell with it;
 * - one V8 platform worker thread (Node's default is 4): the collector's helpers (parallel
 *   scavenge, concurrent marking and sweeping) compete for 2 cores with the database server and
 *   the main thread, and a scavenge's main thread waits for helpers that are not running. With one,
 *   the mean scavenge pause went 15–27 → 11 ms and the p99 at 500 questions/s 150–280 → 50–62 ms
 *   (one benchmark round each, `--trace-gc-nvp`).
 */
export const chatBotNodeFlags: readonly string[] = ['--max-semi-space-size=64', '--v8-pool-size=1'];
