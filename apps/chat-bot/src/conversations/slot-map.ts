/**
 * A string-keyed map for per-conversation bookkeeping that changes on every turn (the turn queue's
 * tail, a turn's held message), built so Node 20's V8 does not promote everything it held.
 *
 * Why not a `Map`: a long-lived `Map` or `Set` whose entries are added and deleted all the time
 * keeps what it held alive through young-generation collections until the next mark-compact
 * (most likely because the tables it rehashes away stay in the old generation, still pointing at
 * their entries and at the next table). Measured on a bare `Map` in the old generation with 3
 * string keys set and deleted per tick: 12 mark-compacts and no scavenge in 5 s; with the keys
 * kept and their values replaced, 75 scavenges and no mark-compact. So a key keeps its slot once
 * it has one and `delete` empties the slot; the map is rebuilt, without the empty slots, only when
 * they outnumber the live ones.
 * @example const held = createSlotMap<string>(); held.set('conv_1', 'hi'); held.delete('conv_1');
 */
export function createSlotMap<V>(options: { rebuildAbove?: number } = {}) {
  const rebuildAbove = options.rebuildAbove ?? 4096;
  let slots = new Map<string, { value: V | undefined }>();
  let live = 0;

  function rebuild(): void {
    const kept = new Map<string, { value: V | undefined }>();
    for (const [key, slot] of slots) if (slot.value !== undefined) kept.set(key, slot);
    slots = kept;
  }

  return {
    get(key: string): V | undefined {
      return slots.get(key)?.value;
    },
    set(key: string, value: V): void {
      const slot = slots.get(key);
      if (slot === undefined) {
        if (slots.size >= rebuildAbove && slots.size >= 2 * live) rebuild();
        slots.set(key, { value });
        live++;
      } else {
        if (slot.value === undefined) live++;
        slot.value = value;
      }
    },
    /** Empties the key's slot; returns whether it held a value. */
    delete(key: string): boolean {
      const slot = slots.get(key);
      if (slot === undefined || slot.value === undefined) return false;
      slot.value = undefined;
      live--;
      return true;
    },
    /** Keys holding a value. */
    get size(): number {
      return live;
    },
    /** Keys with a slot, empty or not (what the map costs in memory). */
    get slotCount(): number {
      return slots.size;
    },
  };
}
