// Saved work is read defensively: a damaged or foreign entry never breaks the page.
import { describe, expect, it } from 'vitest';
import { parseSaved as loadSaved } from './saved-workspace.ts';

const storage = (raw: string | null) => raw;

describe('parseSaved', () => {
  it('restores text and well-formed positions, dropping malformed ones', () => {
    const saved = loadSaved(
      storage(
        JSON.stringify({
          text: 'a: 1\n',
          positions: { 'shop/web': { x: 1, y: 2 }, bad: { x: 'no' }, nan: { x: null, y: 1 } },
        }),
      ),
    );
    expect(saved?.text).toBe('a: 1\n');
    expect({ ...saved?.positions }).toEqual({ 'shop/web': { x: 1, y: 2 } });
  });

  it('returns null for nothing, broken JSON or a wrong shape', () => {
    expect(loadSaved(storage(null))).toBeNull();
    expect(loadSaved(storage('{'))).toBeNull();
    expect(loadSaved(storage('{"text": 5}'))).toBeNull();
  });

  it('keeps a __proto__ node id as data', () => {
    const saved = loadSaved(storage('{"text":"","positions":{"__proto__":{"x":1,"y":1}}}'));
    expect(Object.keys(saved!.positions)).toEqual(['__proto__']);
  });

  it('restores placed external networks, dropping invalid ones', () => {
    const saved = loadSaved(
      storage(
        JSON.stringify({
          text: '',
          positions: {},
          externals: [{ cidr: '10.0.0.0/8', name: 'corp' }, { cidr: '<b>', name: '' }, 7],
        }),
      ),
    );
    expect(saved?.externals).toEqual([{ cidr: '10.0.0.0/8', name: 'corp' }]);
    expect(loadSaved(storage('{"text":""}'))?.externals).toEqual([]);
  });
});
