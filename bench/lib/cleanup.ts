/**
 * Undo work registered while a benchmark runs (servers, databases, temp dirs), run once, newest
 * first, whether the benchmark ends, throws or is interrupted: the harness and the signal
 * handler may both call `run`, and the second call waits for the first instead of repeating it.
 */
export class CleanupStack {
  private readonly steps: { label: string; undo: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;

  add(label: string, undo: () => Promise<void>): void {
    this.steps.push({ label, undo });
  }

  run(): Promise<void> {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    const failures: string[] = [];
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.undo();
      } catch (error) {
        // Keep undoing the rest: one failed drop must not leave a server running.
        failures.push(`${step.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) throw new Error(`Cleanup failed:\n  ${failures.join('\n  ')}`);
  }
}
