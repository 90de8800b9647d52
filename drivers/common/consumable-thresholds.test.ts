import { describe, expect, it } from 'vitest';
import { ConsumableThresholds } from './consumable-thresholds';

describe('ConsumableThresholds', () => {
  it('reports full → low → out once each, and full again after a refill', () => {
    const t = new ConsumableThresholds();
    expect(t.update('roll', 'full')).toBeNull();
    expect(t.update('roll', 'low')).toBe('low');
    expect(t.update('roll', 'low')).toBeNull();
    expect(t.update('roll', 'out')).toBe('out');
    expect(t.update('roll', 'full')).toBe('full');
  });

  it('reports a kiosk that starts low', () => {
    expect(new ConsumableThresholds().update('tray1', 'low')).toBe('low');
  });

  it('a jam or an unknown reading is no threshold and does not reset the last one', () => {
    const t = new ConsumableThresholds();
    expect(t.update('roll', 'low')).toBe('low');
    expect(t.update('roll', 'jammed')).toBeNull();
    expect(t.update('roll', 'unknown')).toBeNull();
    expect(t.update('roll', 'low')).toBeNull();
  });

  it('tracks each consumable separately, and forgets on reset', () => {
    const t = new ConsumableThresholds();
    expect(t.update('roll', 'low')).toBe('low');
    expect(t.update('toner', 'low')).toBe('low');
    t.reset();
    expect(t.update('roll', 'low')).toBe('low');
  });
});
