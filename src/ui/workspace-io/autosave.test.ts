// When the autosave writes: shortly after a change of a small text; after a pause and when the
// page is idle for a large one; at once when the page is hidden or closed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkspaceStore } from '../../store/workspace-store.ts';
import { startAutosave } from './autosave.ts';
import type { SavedStore } from './saved-store.ts';

function memoryStore(): SavedStore & { writes: string[] } {
  const values = new Map<string, string>();
  const writes: string[] = [];
  return {
    kind: 'localstorage',
    writes,
    get: (key) => Promise.resolve(values.get(key)),
    list: (prefix) => Promise.resolve([...values].filter(([k]) => k.startsWith(prefix))),
    swap(key, value, allow) {
      const current = values.get(key);
      if (!allow(current)) return Promise.resolve({ refused: current });
      values.set(key, value);
      writes.push(value);
      return Promise.resolve(null);
    },
    remove: (key) => Promise.resolve(void values.delete(key)),
  };
}

const listeners = new Map<string, () => void>();
const idle: (() => void)[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  listeners.clear();
  idle.length = 0;
  const target = {
    addEventListener: (type: string, f: () => void) => listeners.set(type, f),
    removeEventListener: (type: string) => listeners.delete(type),
  };
  vi.stubGlobal('window', target);
  vi.stubGlobal('document', { ...target, visibilityState: 'visible' });
  vi.stubGlobal('BroadcastChannel', undefined);
  vi.stubGlobal('requestIdleCallback', (f: () => void) => idle.push(f));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const savedText = (raw: string | undefined) =>
  raw === undefined ? undefined : (JSON.parse(raw) as { text: string }).text;

describe('autosave', () => {
  it('saves a small text shortly after a change', async () => {
    const store = createWorkspaceStore();
    const backend = memoryStore();
    const control = startAutosave(store, { saved: null, backend, raw: undefined }, 200);
    store.getState().setText('kind: Pod\n');
    await vi.advanceTimersByTimeAsync(199);
    expect(backend.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(savedText(backend.writes.at(-1))).toBe('kind: Pod\n');
    control.stop();
  });

  it('saves a large text after a pause, when the page is idle, and at once when it is hidden', async () => {
    const store = createWorkspaceStore();
    const backend = memoryStore();
    const control = startAutosave(store, { saved: null, backend, raw: undefined }, 200);
    const large = `# ${'x'.repeat(300_000)}\n`;
    store.getState().setText(large);
    await vi.advanceTimersByTimeAsync(999);
    expect(backend.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    // Waiting for the page to be idle.
    expect(backend.writes).toHaveLength(0);
    expect(idle).toHaveLength(1);
    idle.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(savedText(backend.writes.at(-1))).toBe(large);

    // Leaving the page does not wait.
    store.getState().setText(`${large}# more\n`);
    listeners.get('pagehide')?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(savedText(backend.writes.at(-1))).toBe(`${large}# more\n`);
    // The idle callback of that change, if it comes, has nothing left to save.
    const count = backend.writes.length;
    await vi.advanceTimersByTimeAsync(2000);
    for (const f of idle.splice(0)) f();
    await vi.advanceTimersByTimeAsync(0);
    expect(backend.writes).toHaveLength(count);
    control.stop();
  });
});
