import { describe, expect, it } from 'vitest';
import { LABEL_PITCH, lanePath, laneSlot } from './edge-path.ts';

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
