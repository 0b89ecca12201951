import { describe, expect, it } from 'vitest';
import { LABEL_PITCH, floatingCurve } from './edge-path.ts';
import { placeLabels } from './label-layout.ts';

const box = (x: number, y: number) => ({ x, y, width: 200, height: 96 });

describe('placeLabels', () => {
  it('puts a lone label at its curve’s middle', () => {
    const curve = floatingCurve(box(0, 0), box(0, 300));
    const at = placeLabels([{ id: 'a', curve, width: 80 }], []).get('a')!;
    expect(at.y).toBeCloseTo(198, 0);
  });

  it('slides the labels of both directions between a pair apart, off the nodes', () => {
    const upper = box(0, 0);
    const lower = box(0, 160);
    const requests = [
      { id: 'out', curve: floatingCurve(upper, lower), width: 100 },
      { id: 'in', curve: floatingCurve(lower, upper), width: 100 },
    ];
    const placed = placeLabels(requests, [upper, lower]);
    const a = placed.get('out')!;
    const b = placed.get('in')!;
    // Wide labels side by side would cover each other: they part vertically.
    expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(LABEL_PITCH);
    for (const p of [a, b]) {
      expect(p.y - LABEL_PITCH / 2).toBeGreaterThanOrEqual(96);
      expect(p.y + LABEL_PITCH / 2).toBeLessThanOrEqual(160);
    }
  });

  it('moves a label off a node that lies across its curve', () => {
    const curve = floatingCurve(box(0, 0), box(0, 600));
    const between = { x: 40, y: 260, width: 120, height: 80 };
    const at = placeLabels([{ id: 'a', curve, width: 60 }], [between]).get('a')!;
    const clear = at.y + LABEL_PITCH / 2 <= 260 || at.y - LABEL_PITCH / 2 >= 340;
    expect(clear).toBe(true);
  });

  it('still places every label when nothing is free', () => {
    const curve = floatingCurve(box(0, 0), box(0, 120));
    const requests = Array.from({ length: 12 }, (_, i) => ({ id: `f${i}`, curve, width: 100 }));
    expect(placeLabels(requests, []).size).toBe(12);
  });
});
