import { describe, expect, it } from 'vitest';
import { LABEL_PITCH, curvePath, floatingCurve, lanePath, laneSlot, pointAt } from './edge-path.ts';

describe('lanePath', () => {
  it('fans parallel edges out to alternating sides, capped', () => {
    expect([0, 1, 2, 3, 4, 11, 12].map(laneSlot)).toEqual([0, 1, -1, 2, -2, 5, -5]);
  });

  it('stacks the labels of parallel edges one label apart, so they do not cover each other', () => {
    // web's bottom handle to api's top handle, 64 px apart as ELK lays layers out.
    const ys = [0, 1, 2].map((lane) => lanePath(100, 148, 100, 212, lane).labelY);
    expect(ys).toEqual([180, 180 + LABEL_PITCH, 180 - LABEL_PITCH]);
    // All three fit between the two nodes.
    for (const y of ys) {
      expect(y - LABEL_PITCH / 2).toBeGreaterThanOrEqual(148);
      expect(y + LABEL_PITCH / 2).toBeLessThanOrEqual(212);
    }
  });

  it('starts and ends the path on the handles', () => {
    const { path } = lanePath(10, 20, 30, 200, 3);
    expect(path.startsWith('M10,20 ')).toBe(true);
    expect(path.endsWith(' 30,200')).toBe(true);
  });
});

describe('floatingCurve', () => {
  const upper = { x: 0, y: 0, width: 200, height: 96 };
  const lower = { x: 0, y: 200, width: 200, height: 96 };

  it('joins the facing sides, whichever way the flow runs', () => {
    // Upwards: from the lower node's top to the upper node's bottom, no loop round either.
    const up = floatingCurve(lower, upper);
    expect([up.a, up.b]).toEqual([
      { x: 100, y: 200 },
      { x: 100, y: 96 },
    ]);
    const side = floatingCurve(upper, { x: 400, y: 0, width: 200, height: 96 });
    expect([side.a, side.b]).toEqual([
      { x: 200, y: 48 },
      { x: 400, y: 48 },
    ]);
    expect(curvePath(side).startsWith('M200,48 Q')).toBe(true);
  });

  it('bows the two directions between a pair to opposite sides', () => {
    const down = pointAt(floatingCurve(upper, lower), 0.5);
    const up = pointAt(floatingCurve(lower, upper), 0.5);
    expect(Math.sign(down.x - 100)).toBe(-Math.sign(up.x - 100));
    expect(down.y).toBeCloseTo(148, 6);
  });
});
