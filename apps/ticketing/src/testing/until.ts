// Test-only: bounded waits for effects that land in another process or worker.

/**
 * Reads until `read` gives a truthy value (errors count as "not yet"), at most `timeoutMs`; then
 * fails naming `what`.
 * @example const ticket = await until(() => tickets.findById(id), 'the handoff ticket');
 */
export async function until<T>(
  read: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
