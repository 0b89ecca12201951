// Label placement: free spots only, and inside the picture where the route allows.
import { describe, expect, it } from 'vitest';
import { placeLabels } from './place-labels.ts';

describe('placeLabels', () => {
  // A route that runs left, outside the picture, then down inside it.
  const route = [
    { x: 0, y: 0 },
    { x: -500, y: 0 },
    { x: -500, y: 40 },
    { x: 0, y: 40 },
    { x: 0, y: 400 },
  ];
  const label = { id: 'e', route, width: 80, height: 19 };

  it('prefers a free spot inside the picture to one on a longer stretch outside it', () => {
    const bounds = { x: -40, y: -20, width: 400, height: 500 };
    const at = placeLabels([label], [], { bounds }).get('e');
    expect(at).toBeDefined();
    expect(at!.x - 40).toBeGreaterThanOrEqual(bounds.x);
    expect(at!.y - 9.5).toBeGreaterThanOrEqual(bounds.y);
  });

  it('without bounds, takes the longest stretch first', () => {
    const at = placeLabels([label], []).get('e');
    expect(at).toEqual({ x: -250, y: 0 });
  });

  it('never places a label over an obstacle or another label', () => {
    const obstacles = [{ x: -20, y: 40, width: 40, height: 360 }];
    const placed = placeLabels([label, { ...label, id: 'f' }], obstacles);
    const boxes = [...placed.values()].map((p) => ({ x: p.x - 40, y: p.y - 9.5, w: 80, h: 19 }));
    for (const b of boxes)
      for (const o of obstacles)
        expect(
          b.x + b.w <= o.x || o.x + o.width <= b.x || b.y + b.h <= o.y || o.y + o.height <= b.y,
        ).toBe(true);
    if (boxes.length === 2) {
      const [a, b] = boxes as [(typeof boxes)[0], (typeof boxes)[0]];
      expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(
        true,
      );
    }
  });
});
