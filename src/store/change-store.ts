// What an edit changes: after every edit (drawn, typed, undone), the flows it newly allows and
// newly denies; or, against a baseline the user keeps (the text as it was, or an imported file),
// everything that differs since. The comparison runs off the main thread (diff-in-worker.ts);
// only the latest request's answer is kept.
import { createStore, useStore } from 'zustand';
import type { TextDiff } from './diff-texts.ts';
import type { ChangeOrigin, WorkspaceStore } from './workspace-store.ts';

export type CompareMode = 'edit' | 'baseline';

export interface Baseline {
  readonly text: string;
  /** What it is, for people: "the text at 14:02", "prod-policies.yaml". */
  readonly label: string;
}

export interface LastEdit {
  readonly before: string;
  readonly after: string;
  readonly origin: Exclude<ChangeOrigin, 'load'>;
}

export type ChangeResult =
  | { readonly status: 'none' }
  | { readonly status: 'computing'; readonly key: string }
  | { readonly status: 'ready'; readonly key: string; readonly diff: TextDiff }
  | { readonly status: 'failed'; readonly key: string; readonly message: string };

export interface ChangeState {
  readonly mode: CompareMode;
  readonly baseline: Baseline | null;
  readonly lastEdit: LastEdit | null;
  readonly result: ChangeResult;
  setMode(mode: CompareMode): void;
  /** Keeps `text` as the baseline and compares against it. */
  setBaseline(baseline: Baseline | null): void;
}

export type Compare = (before: string, after: string) => Promise<TextDiff>;

const BASELINE_KEY = 'netpol-canvas:baseline:v1';

interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function storage(): Storage | null {
  try {
    return (globalThis as { localStorage?: Storage }).localStorage ?? null;
  } catch {
    return null;
  }
}

function savedBaseline(): Baseline | null {
  try {
    const raw = storage()?.getItem(BASELINE_KEY);
    if (!raw) return null;
    const b = JSON.parse(raw) as Partial<Baseline>;
    return typeof b.text === 'string' && typeof b.label === 'string'
      ? { text: b.text, label: b.label }
      : null;
  } catch {
    return null;
  }
}

export function createChangeStore() {
  const saved = savedBaseline();
  return createStore<ChangeState>()((set) => ({
    mode: saved ? 'baseline' : 'edit',
    baseline: saved,
    lastEdit: null,
    result: { status: 'none' },
    setMode: (mode) => set({ mode }),
    setBaseline: (baseline) => {
      try {
        if (baseline) storage()?.setItem(BASELINE_KEY, JSON.stringify(baseline));
        else storage()?.removeItem(BASELINE_KEY);
      } catch {
        // A full or blocked storage keeps the baseline for this session only.
      }
      set({ baseline, mode: baseline ? 'baseline' : 'edit' });
    },
  }));
}

export type ChangeStore = ReturnType<typeof createChangeStore>;

export const changeStore: ChangeStore = createChangeStore();

export function useChangeStore<T>(selector: (s: ChangeState) => T): T {
  return useStore(changeStore, selector);
}

/** The two texts the current mode compares, or null when there is nothing to compare. */
export function comparedTexts(
  s: Pick<ChangeState, 'mode' | 'baseline' | 'lastEdit'>,
  current: string,
): { before: string; after: string } | null {
  if (s.mode === 'baseline') return s.baseline ? { before: s.baseline.text, after: current } : null;
  return s.lastEdit ? { before: s.lastEdit.before, after: s.lastEdit.after } : null;
}

/**
 * Watches the workspace: each new valid parse after an edit becomes the last edit (a replaced
 * workspace, New, an example, an import, clears it), and the comparison the mode asks for is run
 * again. Returns the function that stops watching.
 */
/** Characters of the two texts above which the comparison waits for a pause and an idle page. */
const LARGE_COMPARISON = 400_000;

/**
 * How long edits of a large text must pause before it is compared. The comparison (~150 ms of a
 * worker at 5,000 workloads) otherwise ran between two keystrokes' reads and flows and took one
 * of this machine's two cores from them; a comparison a later edit replaces is never started.
 */
const LARGE_PAUSE_MS = 400;

/** After `pauseMs`, the next frame, once the page is idle (at most a second later). */
function afterPaintWhenIdle(go: () => void, pauseMs = 0): void {
  const g = globalThis as {
    requestAnimationFrame?: (f: () => void) => number;
    requestIdleCallback?: (f: () => void, o: { timeout: number }) => number;
  };
  const idle = () =>
    g.requestIdleCallback ? g.requestIdleCallback(go, { timeout: 1000 }) : setTimeout(go, 0);
  const paint = () => {
    if (g.requestAnimationFrame) g.requestAnimationFrame(() => setTimeout(idle, 0));
    else setTimeout(idle, 0);
  };
  if (pauseMs > 0) setTimeout(paint, pauseMs);
  else paint();
}

export function startChangeTracking(
  workspace: WorkspaceStore,
  compare: Compare,
  changes: ChangeStore = changeStore,
): () => void {
  let seq = 0;
  const run = () => {
    const current = workspace.getState().lastValid.text;
    const texts = comparedTexts(changes.getState(), current);
    if (!texts || texts.before === texts.after) {
      changes.setState({ result: { status: 'none' } });
      return;
    }
    const key = `${++seq}`;
    changes.setState({ result: { status: 'computing', key } });
    const go = () => {
      // A newer edit came first: its comparison replaces this one.
      if (keyOf(changes) !== key) return;
      compareNow(key, texts);
    };
    // Two large texts take a worker a second or more to read and compare: that waits until the
    // edits pause and the page has drawn the last one and is idle, so the edit's own verdicts
    // come first.
    if (texts.before.length + texts.after.length >= LARGE_COMPARISON)
      afterPaintWhenIdle(go, LARGE_PAUSE_MS);
    else go();
  };
  const compareNow = (key: string, texts: { before: string; after: string }) => {
    compare(texts.before, texts.after).then(
      (diff) => {
        if (changes.getState().result.status === 'computing' && keyOf(changes) === key)
          changes.setState({ result: { status: 'ready', key, diff } });
      },
      (e: unknown) => {
        if (keyOf(changes) === key)
          changes.setState({
            result: { status: 'failed', key, message: e instanceof Error ? e.message : String(e) },
          });
      },
    );
  };
  const stopWorkspace = workspace.subscribe((s, prev) => {
    if (s.lastValid.text === prev.lastValid.text) return;
    if (s.origin === 'load' || prev.lastValid.text === '') changes.setState({ lastEdit: null });
    else
      changes.setState({
        lastEdit: { before: prev.lastValid.text, after: s.lastValid.text, origin: s.origin },
      });
    run();
  });
  const stopChanges = changes.subscribe((s, prev) => {
    if (s.mode !== prev.mode || s.baseline !== prev.baseline) run();
  });
  run();
  return () => {
    stopWorkspace();
    stopChanges();
  };
}

function keyOf(changes: ChangeStore): string | null {
  const r = changes.getState().result;
  return r.status === 'none' ? null : r.key;
}
