import { describe, expect, it } from 'vitest';
import { sameData } from './same-data.ts';

describe('sameData', () => {
  it('compares plain data, Maps and arrays structurally', () => {
    expect(sameData({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData({ a: 1, c: 2 }, { a: 1, b: 2 })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData(new Map([['a', 1]]), new Map([['a', 1]]))).toBe(true);
    expect(sameData(new Map([['a', 1]]), new Map([['a', 2]]))).toBe(false);
    expect(sameData(new Map([['a', 1]]), { a: 1 })).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData(Object.assign(Object.create(null), { a: 1 }), { a: 1 })).toBe(true);
  });
});
