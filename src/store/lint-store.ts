// Lint, live: the findings of the latest parse (in the lint worker above a size), the workloads
// the canvas badges, and the question a gesture asks when lint says it would break drawn flows.
// Never in the YAML or the undo history: it is derived from the text.
import { createStore, useStore } from 'zustand';
import type { TextEdit } from '../model/types.ts';
import type { LintFinding } from '../engine/lint/types.ts';
import { checkGesture, findingsByWorkload, lintRead } from './lint-run.ts';
import type { GestureCheck } from './lint-run.ts';
import type { ParsedText } from './parse-text.ts';
import { workspaceStore } from './workspace-store.ts';
import { rebaseEdits } from './rebase-edits.ts';
import { LineIndex } from '../yaml/text-position.ts';
import type { WorkspaceStore } from './workspace-store.ts';

/**
 * Above this many workloads lint runs in the worker (about 0.5 s at 1,000 on the main thread, and
 * already over 100 ms at 200: a drawn edge's verdicts would wait for it).
 */
export const LINT_IN_WORKER_ABOVE = 100;

/** A gesture held back because lint says it breaks flows a rule admits. */
export interface GestureQuestion {
  /** The gesture, as its undo step is named: `Deny egress by default in frontend`. */
  readonly label: string;
  /** The text the edits were computed on. */
  readonly base: string;
  /** The gesture alone. */
  readonly edits: readonly TextEdit[];
  readonly check: GestureCheck;
}

export interface LintState {
  /** The text the findings belong to: positions are valid for it only. */
  readonly text: string | null;
  readonly findings: readonly LintFinding[];
  /** Warnings and errors by the workload (`namespace/name`) they concern. */
  readonly byWorkload: ReadonlyMap<string, readonly LintFinding[]>;
  readonly status: 'idle' | 'running' | 'ready' | 'failed';
  readonly question: GestureQuestion | null;
}

export function createLintStore() {
  return createStore<LintState>()(() => ({
    text: null,
    findings: [],
    byWorkload: new Map(),
    status: 'idle',
    question: null,
  }));
}

export type LintStore = ReturnType<typeof createLintStore>;

export const lintStore: LintStore = createLintStore();

export function useLintStore<T>(selector: (s: LintState) => T): T {
  return useStore(lintStore, selector);
}

export interface LintingOptions {
  /** Lints a text off the main thread; without it, lint always runs here. */
  readonly lintAsync?: (text: string) => Promise<LintFinding[]>;
  /** A gesture's check off the main thread. */
  readonly checkAsync?: (text: string, edits: readonly TextEdit[]) => Promise<GestureCheck>;
  readonly asyncAbove?: number;
  /**
   * A read from the worker is linted once the parses have paused this long: while the user types
   * in a large workspace, the worker's reads and the selection's flows go first.
   */
  readonly pauseMs?: number;
}

/** The pause before a large workspace is linted. */
const LINT_PAUSE_MS = 300;

let running: LintingOptions = {};

const sizeOf = (p: ParsedText) => p.workspace.workloads.length;

/**
 * Lints every parse without YAML syntax errors (broken YAML keeps the last findings, shown only
 * where their text still matches). Returns the function that stops.
 */
export function startLinting(
  workspace: WorkspaceStore = workspaceStore,
  options: LintingOptions = {},
  store: LintStore = lintStore,
): () => void {
  running = options;
  const above = options.asyncAbove ?? LINT_IN_WORKER_ABOVE;
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const accept = (parsed: ParsedText, findings: readonly LintFinding[]) =>
    store.setState({
      text: parsed.text,
      findings,
      byWorkload: findingsByWorkload(parsed.workspace.workloads, parsed.result.policies, findings),
      status: 'ready',
    });
  const run = () => {
    timer = undefined;
    const parsed = workspace.getState().parsed;
    if (parsed.hasSyntaxErrors || parsed.text === store.getState().text) return;
    const mine = ++seq;
    // A read from the worker is linted there, on the worker's own read and trees.
    if (options.lintAsync && (sizeOf(parsed) > above || parsed.trees === 'on-demand')) {
      store.setState({ status: 'running' });
      options.lintAsync(parsed.text).then(
        (findings) => {
          if (mine === seq) accept(parsed, findings);
        },
        () => {
          if (mine === seq) store.setState({ status: 'failed' });
        },
      );
      return;
    }
    try {
      accept(parsed, lintRead(parsed.text, parsed.result));
    } catch {
      // A rule that throws must not take the editor down: the findings say nothing new.
      store.setState({ status: 'failed' });
    }
  };
  // After the parse has painted: the canvas and the YAML come first, lint a moment later (a
  // timeout alone can run before the frame that shows the new verdicts).
  const schedule = (pause = 0) => {
    if (timer !== undefined) {
      if (pause === 0) return;
      clearTimeout(timer);
    }
    const frame = (globalThis as { requestAnimationFrame?: (f: () => void) => number })
      .requestAnimationFrame;
    timer = frame
      ? setTimeout(() => frame(() => (timer = setTimeout(run, 0))), pause)
      : setTimeout(run, pause);
  };
  const stop = workspace.subscribe((s, prev) => {
    if (s.parsed === prev.parsed) return;
    schedule(s.parsed.trees === 'on-demand' ? (options.pauseMs ?? LINT_PAUSE_MS) : 0);
  });
  schedule();
  return () => {
    stop();
    if (timer !== undefined) clearTimeout(timer);
    seq++;
    running = {};
  };
}

/**
 * Runs lint on a gesture's result before it commits: when it would break flows a rule admits,
 * the gesture waits for the user's answer (`answerGestureQuestion`); otherwise `commit` runs.
 */
export function checkBeforeCommit(
  label: string,
  base: ParsedText,
  edits: readonly TextEdit[],
  commit: () => void,
  store: LintStore = lintStore,
): void {
  const decide = (check: GestureCheck) => {
    if (check.broken.length === 0) commit();
    else store.setState({ question: { label, base: base.text, edits, check } });
  };
  const above = running.asyncAbove ?? LINT_IN_WORKER_ABOVE;
  if (running.checkAsync && sizeOf(base) > above) {
    // A check that fails must not lose the gesture: it commits, and live lint reports the rest.
    running.checkAsync(base.text, edits).then(decide, commit);
    return;
  }
  let check: GestureCheck;
  try {
    check = checkGesture(base.text, base.result, edits);
  } catch {
    commit();
    return;
  }
  decide(check);
}

const flows = (n: number) => `${n} drawn flow${n === 1 ? '' : 's'}`;

/**
 * The user's answer: `keep` makes the gesture with the rules that keep the flows (one undo step),
 * `break` makes it as asked and says what it broke, null leaves the text as it is.
 */
export function answerGestureQuestion(
  answer: 'keep' | 'break' | null,
  workspace: WorkspaceStore = workspaceStore,
  store: LintStore = lintStore,
): boolean {
  const q = store.getState().question;
  store.setState({ question: null });
  if (!q || answer === null) return false;
  const ws = workspace.getState();
  const n = q.check.broken.length;
  if (answer === 'keep' && q.check.keep) {
    const kept = n - q.check.stillBroken.length;
    const label = `${q.label}, keeping ${flows(kept)}`;
    const done = ws.applyEdits([q.check.keep], label, q.base);
    if (done)
      ws.notify(
        q.check.stillBroken.length === 0
          ? label
          : `${label}; ${q.check.stillBroken.length} more are denied (see Problems)`,
      );
    return done;
  }
  const done = ws.applyEdits(q.edits, q.label, q.base);
  if (done)
    ws.notify(
      `${q.label}: ${n === 1 ? 'a drawn flow is' : `${n} drawn flows are`} now denied (see Problems)`,
    );
  return done;
}

/** Applies a finding's quick fix as one undo step (rebased when the text moved on since). */
export function applyQuickFix(
  finding: LintFinding,
  workspace: WorkspaceStore = workspaceStore,
  store: LintStore = lintStore,
): boolean {
  const fix = finding.quickFix;
  const base = store.getState().text;
  if (!fix || base === null) return false;
  const ws = workspace.getState();
  const done = ws.applyEdits(fix.edits, `Fix: ${fix.title}`, base);
  if (done) ws.notify(`Fixed: ${fix.title}`);
  return done;
}

/** A finding's place: 1-based lines and columns, as the editor takes them. */
export interface FindingRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * Where a finding of the linted text is in the current text: the same place until the text moves
 * on, then moved with the edits made since (the list shows the last findings while the new text
 * is checked); null when an edit since touched it.
 */
export function findingRange(
  f: LintFinding,
  store: LintStore = lintStore,
  workspace: WorkspaceStore = workspaceStore,
): FindingRange | null {
  const range = { line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn };
  const base = store.getState().text;
  const current = workspace.getState().text;
  if (base === null || base === current) return range;
  const before = new LineIndex(base);
  const at = (line: number, column: number) =>
    Math.min(base.length, before.lineStart(line) + column - 1);
  const start = at(f.line, f.column);
  const moved = rebaseEdits(base, current, [
    { start, end: Math.max(start, at(f.endLine, f.endColumn)), text: '' },
  ])?.[0];
  if (!moved) return null;
  const now = new LineIndex(current);
  const from = now.position(moved.start);
  const to = now.position(moved.end);
  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
}
