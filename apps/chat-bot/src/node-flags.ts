/**
 * The `node` flags the chat bot runs with (`npm start`, `npm start -w apps/chat-bot`, the chat
 * benchmark).
 *
 * **`--heap-growing-percent=300`**: after a full collection (mark-compact) the old generation may
 * grow to 4× what survived before the next one, where V8 otherwise lets it grow ~1.5× under load.
 * A mark-compact here has ~115 MB live (most of it loaded code and module sources: Botkit and the
 * Bot Framework SDK alone bring a few thousand modules) and costs ~15 ms of pause, ~90 ms of
 * incremental marking on the main thread and ~150 ms on the helper thread, which takes the other
 * core from the database. At 500 questions/s each one held answers back for 140–250 ms (latency
 * second by second against `--trace-gc`), and with V8's own growth they came every ~8 s: the p99
 * was those stalls. With this they come every ~25–40 s. The cost is memory: the old generation
 * now swings between ~115 and ~460 MB under that load (RSS with 1,000 conversations was
 * 400–650 MB before and after; the closed-loop phase grew it that far anyway). The same trade as
 * FerretDB's `GOGC=400` (platform `database-server.ts`).
 *
 * **`--v8-pool-size=1`**: one V8 platform worker thread (Node's default is 4). The collector's helpers
 * (parallel scavenge, concurrent marking and sweeping) compete for 2 cores with the database server
 * and the main thread, and a scavenge's main thread waits for helpers that are not running. With
 * one, the mean scavenge pause went 15–27 → 11 ms and the p99 at 500 questions/s 150–280 → 50–62 ms
 * (one benchmark round each, `--trace-gc-nvp`).
 *
 * The young generation is left at V8's default (at most 16 MB per semi-space; this list used to set
 * 64). A turn promotes ~27 KB whatever the size (measured at 500 questions/s: 29 / 26 / 28 KB per
 * answer at 16 / 32 / 64 MB), so a bigger one only makes each scavenge copy more at once: median
 * scavenge pauses 4 / 7 / 12 ms, and the process 100 MB smaller at 16 MB (~600 against ~720 MB with
 * 1,000 conversations open). The p99 at 500/s did not separate the two: 15–106 ms either way, run to
 * run, on this shared 2-core machine.
 */
export const chatBotNodeFlags: readonly string[] = ['--v8-pool-size=1', '--heap-growing-percent=300'];
