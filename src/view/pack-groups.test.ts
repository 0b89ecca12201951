import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowOrder, packRows } from './pack-groups.ts';

describe('flowOrder', () => {
  it('puts sources before what they reach, and keeps every box once even with cycles', () => {
    const items = ['d', 'c', 'b', 'a'].map((id) => ({ id, width: 10, height: 10 }));
    const order = flowOrder(items, [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'a' },
      { source: 'c', target: 'd' },
    ]).map((i) => i.id);
    expect(order).toHaveLength(4);
    expect(new Set(order).size).toBe(4);
    expect(order.indexOf('c')).toBeLessThan(order.indexOf('d'));
  });
});

describe('packRows', () => {
  it('never overlaps two boxes and keeps the gap between them', () => {
    const box = fc.record({
      width: fc.integer({ min: 20, max: 600 }),
      height: fc.integer({ min: 20, max: 600 }),
    });
    fc.assert(
      fc.property(
        fc.array(box, { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0.3, max: 3, noNaN: true }),
        (boxes, aspect) => {
          const items = boxes.map((b, i) => ({ id: `b${i}`, ...b }));
          const at = packRows(items, aspect, 40);
          for (let i = 0; i < items.length; i++)
            for (let j = i + 1; j < items.length; j++) {
              const a = { ...items[i]!, ...at.get(items[i]!.id)! };
              const b = { ...items[j]!, ...at.get(items[j]!.id)! };
              const apart =
                a.x + a.width + 40 <= b.x ||
                b.x + b.width + 40 <= a.x ||
                a.y + a.height + 40 <= b.y ||
                b.y + b.height + 40 <= a.y;
              expect(apart).toBe(true);
            }
        },
      ),
    );
  });

  it('follows the aspect asked for: wider panes get wider rows', () => {
    const items = Array.from({ length: 9 }, (_, i) => ({ id: `n${i}`, width: 240, height: 200 }));
    const rows = (aspect: number) =>
      new Set([...packRows(items, aspect).values()].map((p) => p.y)).size;
    expect(rows(0.5)).toBeGreaterThan(rows(2));
  });
});
