import { describe, expect, it } from 'vitest';
import { createSlotMap } from './slot-map.ts';

describe('createSlotMap', () => {
  it('gets, replaces and deletes values by key, counting the keys that hold one', () => {
    const held = createSlotMap<string>();
    held.set('conv_1', 'first');
    held.set('conv_2', 'second');
    held.set('conv_1', 'replaced');
    expect(held.get('conv_1')).toBe('replaced');
    expect(held.size).toBe(2);
    expect(held.delete('conv_1')).toBe(true);
    expect(held.delete('conv_1')).toBe(false);
    expect(held.delete('conv_9')).toBe(false);
    expect(held.get('conv_1')).toBeUndefined();
    expect(held.size).toBe(1);
    held.set('conv_1', 'again');
    expect(held.size).toBe(2);
    // The emptied key reused its slot.
    expect(held.slotCount).toBe(2);
  });

  it('keeps a key its slot across turns and drops empty slots only when they outnumber live ones', () => {
    const held = createSlotMap<number>({ rebuildAbove: 8 });
    for (let turn = 0; turn < 50; turn++)
      for (let conversation = 0; conversation < 4; conversation++) {
        held.set(`conv_${conversation}`, turn);
        held.delete(`conv_${conversation}`);
      }
    expect(held.slotCount).toBe(4);
    for (let conversation = 0; conversation < 4; conversation++) held.set(`old_${conversation}`, conversation);
    expect(held.slotCount).toBe(8);
    for (let conversation = 0; conversation < 4; conversation++) held.delete(`old_${conversation}`);
    expect(held.slotCount).toBe(8);
    held.set('new', 1);
    expect(held.slotCount).toBe(1);
    expect(held.get('new')).toBe(1);
    expect(held.size).toBe(1);
  });
});
