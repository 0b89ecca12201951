// Typing is parsed after a pause; gestures and undo are parsed at once; large texts go async.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkspaceStore } from './workspace-store.ts';
import { startParseScheduler } from './parse-scheduler.ts';
import { parseText } from './parse-text.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('parse scheduler', () => {
  it('debounces typing and parses once after the pause', () => {
    const store = createWorkspaceStore({ initialText: '' });
    const stop = startParseScheduler(store, { debounceMs: 150 });
    store.getState().setText('a: 1\n');
    store.getState().setText('a: 12\n');
    vi.advanceTimersByTime(100);
    expect(store.getState().parsed.text).toBe('');
    vi.advanceTimersByTime(60);
    expect(store.getState().parsed.text).toBe('a: 12\n');
    stop();
  });

  it('reads a paste at once: thousands of characters are no keystroke', () => {
    const store = createWorkspaceStore({ initialText: 'a: 1\n' });
    const stop = startParseScheduler(store, { debounceMs: 150 });
    const pasted = `${'x: 1\n'.repeat(400)}`;
    store.getState().setText(pasted);
    expect(store.getState().origin).toBe('typing');
    expect(store.getState().parsed.text).toBe(pasted);
    // A keystroke after it waits for the pause again.
    store.getState().setText(`${pasted}y`);
    expect(store.getState().parsed.text).toBe(pasted);
    vi.advanceTimersByTime(160);
    expect(store.getState().parsed.text).toBe(`${pasted}y`);
    stop();
  });

  it('hands large texts to the async parser and drops stale results', async () => {
    const store = createWorkspaceStore({ initialText: '' });
    const calls: string[] = [];
    const stop = startParseScheduler(store, {
      asyncThreshold: 5,
      parseAsync: (text) => {
        calls.push(text);
        return Promise.resolve(parseText(text));
      },
    });
    store.getState().setText('b: long\n');
    vi.advanceTimersByTime(200);
    await Promise.resolve();
    await Promise.resolve();
    expect(calls).toEqual(['b: long\n']);
    expect(store.getState().parsed.text).toBe('b: long\n');
    expect(store.getState().acceptParse(parseText('stale'))).toBe(false);
    stop();
  });

  it('reads a large text at each keystroke, one read at a time, the latest text after it', async () => {
    const store = createWorkspaceStore({ initialText: '' });
    const calls: string[] = [];
    const answers: (() => void)[] = [];
    const stop = startParseScheduler(store, {
      debounceMs: 150,
      asyncThreshold: 5,
      parseAsync: (text) => {
        calls.push(text);
        return new Promise((resolve) => answers.push(() => resolve(parseText(text))));
      },
    });
    const settle = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    store.getState().setText('d: long\n');
    // No pause: the read starts with the keystroke.
    expect(calls).toEqual(['d: long\n']);
    store.getState().setText('d: longe\n');
    store.getState().setText('d: longer\n');
    expect(calls).toHaveLength(1);
    answers.shift()?.();
    await settle();
    // The first read is stale and dropped; the keystrokes during it are read together.
    expect(store.getState().parsed.text).toBe('');
    expect(calls).toEqual(['d: long\n', 'd: longer\n']);
    answers.shift()?.();
    await settle();
    expect(store.getState().parsed.text).toBe('d: longer\n');
    // A small text still waits for the pause.
    store.getState().setText('e\n');
    expect(store.getState().parsed.text).toBe('d: longer\n');
    vi.advanceTimersByTime(160);
    expect(store.getState().parsed.text).toBe('e\n');
    stop();
  });

  it('reads saved work restored without a parse at once, off the main thread when large', async () => {
    const store = createWorkspaceStore();
    store.getState().restoreWorkspace('c: saved\n', {}, [], { defer: true });
    expect(store.getState().parsed.text).toBe('');
    expect(store.temporal.getState().pastStates).toEqual([]);
    const calls: string[] = [];
    const stop = startParseScheduler(store, {
      asyncThreshold: 5,
      parseAsync: (text) => {
        calls.push(text);
        return Promise.resolve(parseText(text));
      },
    });
    expect(calls).toEqual(['c: saved\n']);
    await Promise.resolve();
    await Promise.resolve();
    expect(store.getState().parsed.text).toBe('c: saved\n');
    stop();
  });

  it('prepares a large read before the store takes it, not a keystroke’s nor one typed past', async () => {
    const store = createWorkspaceStore({ initialText: '' });
    const answers: (() => void)[] = [];
    const prepared: string[] = [];
    const finish: (() => void)[] = [];
    const stop = startParseScheduler(store, {
      asyncThreshold: 5,
      parseAsync: (text) => new Promise((resolve) => answers.push(() => resolve(parseText(text)))),
      prepare: (parsed) => {
        prepared.push(parsed.text);
        // The store has not taken the read while it is being prepared.
        expect(store.getState().parsed.text).not.toBe(parsed.text);
        return new Promise((resolve) => finish.push(resolve));
      },
    });
    const settle = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    const pasted = `f: long\n${'x: 1\n'.repeat(400)}`;
    store.getState().setText(pasted);
    answers.shift()?.();
    await settle();
    expect(prepared).toEqual([pasted]);
    expect(store.getState().parsed.text).toBe('');
    finish.shift()?.();
    await settle();
    expect(store.getState().parsed.text).toBe(pasted);
    // A keystroke's read is taken at once.
    store.getState().setText(`${pasted}y`);
    answers.shift()?.();
    await settle();
    expect(prepared).toEqual([pasted]);
    expect(store.getState().parsed.text).toBe(`${pasted}y`);
    // A workspace pasted over one of the same length is a bulk change all the same.
    const swapped = `${pasted.replaceAll('x: 1', 'q: 2')}y`;
    store.getState().setText(swapped);
    answers.shift()?.();
    await settle();
    expect(prepared).toEqual([pasted, swapped]);
    finish.shift()?.();
    await settle();
    expect(store.getState().parsed.text).toBe(swapped);
    // A read the user typed past is not prepared (the store drops it): the next one is.
    const other = `g: other\n${'z: 2\n'.repeat(900)}`;
    prepared.length = 0;
    store.getState().setText(`${swapped}${other}`);
    store.getState().setText(`${swapped}${other}w`);
    answers.shift()?.();
    await settle();
    expect(prepared).toEqual([]);
    answers.shift()?.();
    await settle();
    expect(prepared).toEqual([`${swapped}${other}w`]);
    finish.shift()?.();
    await settle();
    expect(store.getState().parsed.text).toBe(`${swapped}${other}w`);
    stop();
  });

  it('lets a keystroke’s read wait for `prepareEdit`, a bounded time, and a bulk one not', async () => {
    const store = createWorkspaceStore({ initialText: '' });
    const answers: (() => void)[] = [];
    const edits: string[] = [];
    const finish: (() => void)[] = [];
    const stop = startParseScheduler(store, {
      asyncThreshold: 5,
      parseAsync: (text) => new Promise((resolve) => answers.push(() => resolve(parseText(text)))),
      prepare: () => Promise.resolve(),
      prepareEdit: (parsed) => {
        edits.push(parsed.text);
        expect(store.getState().parsed.text).not.toBe(parsed.text);
        return new Promise((resolve) => finish.push(resolve));
      },
    });
    const settle = async () => {
      for (let i = 0; i < 10; i++) await Promise.resolve();
    };
    const pasted = `f: long\n${'x: 1\n'.repeat(400)}`;
    store.getState().setText(pasted);
    answers.shift()?.();
    await settle();
    expect(edits).toEqual([]);
    expect(store.getState().parsed.text).toBe(pasted);
    store.getState().setText(`${pasted}y`);
    answers.shift()?.();
    await settle();
    expect(edits).toEqual([`${pasted}y`]);
    expect(store.getState().parsed.text).toBe(pasted);
    finish.shift()?.();
    await settle();
    expect(store.getState().parsed.text).toBe(`${pasted}y`);
    // One that never ends is given up after a second.
    store.getState().setText(`${pasted}yz`);
    answers.shift()?.();
    await settle();
    expect(store.getState().parsed.text).toBe(`${pasted}y`);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(store.getState().parsed.text).toBe(`${pasted}yz`);
    stop();
  });

  it('stops preparing a read once the text moves on', async () => {
    const store = createWorkspaceStore({ initialText: '' });
    let wanted: (() => boolean) | undefined;
    let finish: (() => void) | undefined;
    const stop = startParseScheduler(store, {
      asyncThreshold: 5,
      parseAsync: (text) => Promise.resolve(parseText(text)),
      prepare: (_parsed, stillWanted) => {
        wanted ??= stillWanted;
        return new Promise((resolve) => (finish ??= resolve));
      },
    });
    const pasted = `h: long\n${'x: 1\n'.repeat(400)}`;
    store.getState().setText(pasted);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(wanted?.()).toBe(true);
    store.getState().setText(`${pasted}z`);
    expect(wanted?.()).toBe(false);
    finish?.();
    stop();
  });

  it('takes a read whose preparation hangs, after a time limit', async () => {
    const store = createWorkspaceStore({ initialText: '' });
    const stop = startParseScheduler(store, {
      asyncThreshold: 5,
      parseAsync: (text) => Promise.resolve(parseText(text)),
      prepare: () => new Promise(() => undefined),
    });
    const pasted = `k: long\n${'x: 1\n'.repeat(400)}`;
    store.getState().setText(pasted);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(store.getState().parsed.text).toBe('');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(store.getState().parsed.text).toBe(pasted);
    stop();
  });

  it('takes a read whose preparation throws at once', async () => {
    const store = createWorkspaceStore({ initialText: '' });
    const stop = startParseScheduler(store, {
      asyncThreshold: 5,
      parseAsync: (text) => Promise.resolve(parseText(text)),
      prepare: () => {
        throw new Error('no');
      },
    });
    const pasted = `m: long\n${'x: 1\n'.repeat(400)}`;
    store.getState().setText(pasted);
    for (let i = 0; i < 8; i++) await Promise.resolve();
    expect(store.getState().parsed.text).toBe(pasted);
    stop();
  });

  it('takes a read whose preparation failed: the page draws it the slow way', async () => {
    const store = createWorkspaceStore({ initialText: '' });
    const stop = startParseScheduler(store, {
      asyncThreshold: 5,
      parseAsync: (text) => Promise.resolve(parseText(text)),
      prepare: () => Promise.reject(new Error('no')),
    });
    const pasted = `g: long\n${'x: 1\n'.repeat(400)}`;
    store.getState().setText(pasted);
    for (let i = 0; i < 8; i++) await Promise.resolve();
    expect(store.getState().parsed.text).toBe(pasted);
    stop();
  });
});
