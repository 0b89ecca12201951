// Live lint against the app's store, and the default-deny toggle that asks before it breaks the
// flows a user drew (the draw-then-deny sequence of issue 10).
/// <reference types="vite/client" />
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { evaluateFlow } from '../engine/evaluate.ts';
import type { Workload } from '../model/types.ts';
import { createWorkspaceStore, workspaceStore } from './workspace-store.ts';
import { parseText } from './parse-text.ts';
import { canvasModelOf } from './canvas-model.ts';
import { allowEdge, toggleDefaultDeny } from './gestures.ts';
import {
  answerGestureQuestion,
  createLintStore,
  findingRange,
  lintStore,
  startLinting,
} from './lint-store.ts';
import type { LintFinding } from '../engine/lint/types.ts';

// The shared fixtures, as text (a test file here compiles for both the browser and Node).
const FIXTURES = import.meta.glob<string>(
  ['../../fixtures/lint/*.yaml', '../../fixtures/draw-then-deny.yaml'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);
const fixture = (path: string) => FIXTURES[`../../fixtures/${path}`] ?? '';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

const model = () => canvasModelOf(workspaceStore.getState().lastValid.workspace, []);
function allowed(from: string, to: string, port: number): boolean {
  const ws = workspaceStore.getState().lastValid.workspace;
  const w = (id: string) => ws.workloads.find((x) => x.id === id) as Workload;
  return evaluateFlow(model().index, {
    from: { kind: 'workload', workload: w(from) },
    to: { kind: 'workload', workload: w(to) },
    port,
    protocol: 'TCP',
  }).allowed;
}

describe('startLinting', () => {
  it('lints each parse, and drops nothing the worker answers late for an older text', async () => {
    const lints = createLintStore();
    workspaceStore.getState().newWorkspace(fixture('lint/missing-dns-egress.yaml'));
    const stop = startLinting(workspaceStore, {}, lints);
    await tick();
    const s = lints.getState();
    expect(s.text).toBe(workspaceStore.getState().parsed.text);
    expect(s.findings.map((f) => f.rule)).toContain('dns-egress-missing');
    expect(s.byWorkload.get('jobs/worker')?.map((f) => f.rule)).toContain('dns-egress-missing');

    // A newer text wins over an older worker answer.
    const releases: ((v: never[]) => void)[] = [];
    stop();
    const slow = createLintStore();
    const stopSlow = startLinting(
      workspaceStore,
      { lintAsync: () => new Promise((r) => releases.push(r)), asyncAbove: 0 },
      slow,
    );
    await tick();
    expect(slow.getState().status).toBe('running');
    workspaceStore.getState().newWorkspace(fixture('lint/label-typo.yaml'));
    await tick();
    expect(releases).toHaveLength(2);
    releases[0]?.([]);
    await tick();
    expect(slow.getState().text).toBeNull();
    releases[1]?.([]);
    await tick();
    expect(slow.getState().text).toBe(workspaceStore.getState().parsed.text);
    stopSlow();
  });

  it('lints a read from the worker in the worker, however few its workloads', async () => {
    const lints = createLintStore();
    const asked: string[] = [];
    const stop = startLinting(
      workspaceStore,
      {
        lintAsync: (text) => (asked.push(text), Promise.resolve([])),
        asyncAbove: 1000,
        pauseMs: 0,
      },
      lints,
    );
    const text = fixture('lint/missing-dns-egress.yaml');
    workspaceStore.getState().newWorkspace(text);
    await tick();
    // Few workloads, the page's own read: linted here.
    expect(asked).toEqual([]);
    expect(lints.getState().findings.length).toBeGreaterThan(0);
    // The same text as the worker reads it (policy trees only): its findings point into
    // workloads, so the worker lints it.
    const edited = `${text}\n# edited\n`;
    workspaceStore.getState().setText(edited);
    workspaceStore.getState().acceptParse({ ...parseText(edited), trees: 'on-demand' });
    await tick();
    expect(asked).toEqual([edited]);
    stop();
  });

  it('lints a read from the worker once the parses pause', () => {
    vi.useFakeTimers();
    try {
      const lints = createLintStore();
      const asked: string[] = [];
      const text = fixture('lint/missing-dns-egress.yaml');
      workspaceStore.getState().newWorkspace(text);
      const stop = startLinting(
        workspaceStore,
        { lintAsync: (t) => (asked.push(t), Promise.resolve([])), pauseMs: 300 },
        lints,
      );
      vi.advanceTimersByTime(10);
      expect(lints.getState().text).toBe(text);
      for (const n of [1, 2, 3]) {
        const edited = `${text}\n# edit ${n}\n`;
        workspaceStore.getState().setText(edited);
        workspaceStore.getState().acceptParse({ ...parseText(edited), trees: 'on-demand' });
        vi.advanceTimersByTime(200);
      }
      // Typing on: nothing linted yet.
      expect(asked).toEqual([]);
      vi.advanceTimersByTime(110);
      expect(asked).toEqual([`${text}\n# edit 3\n`]);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the last findings while the YAML is broken', async () => {
    const lints = createLintStore();
    workspaceStore.getState().newWorkspace(fixture('lint/label-typo.yaml'));
    const stop = startLinting(workspaceStore, {}, lints);
    await tick();
    const before = lints.getState().findings;
    expect(before.length).toBeGreaterThan(0);
    workspaceStore.getState().setText(`${workspaceStore.getState().text}\n: : [\n`);
    workspaceStore.getState().parseNow();
    await tick();
    expect(workspaceStore.getState().parsed.hasSyntaxErrors).toBe(true);
    expect(lints.getState().findings).toBe(before);
    stop();
  });
});

describe('draw frontend→api and api→db, then deny egress in both namespaces', () => {
  beforeEach(() => {
    workspaceStore.getState().newWorkspace(fixture('draw-then-deny.yaml'));
    lintStore.setState({ question: null });
    for (const [source, target, port] of [
      ['frontend/web', 'backend/api', 8080],
      ['backend/api', 'backend/db', 5432],
    ] as const)
      expect(
        allowEdge(
          model(),
          { source, target, port: { protocol: 'TCP', port, endPort: null } },
          true,
        ),
      ).toBe(true);
    expect(allowed('frontend/web', 'backend/api', 8080)).toBe(true);
  });

  it('asks before it breaks a drawn flow, and keeping it is one undo step', () => {
    const drawn = workspaceStore.getState().text;
    toggleDefaultDeny('frontend', 'egress', true);
    // Nothing is committed yet: the question names the flow.
    expect(workspaceStore.getState().text).toBe(drawn);
    const q = lintStore.getState().question;
    expect(q?.label).toBe('Deny egress by default in frontend');
    expect(q?.check.broken[0]?.message).toMatch(/frontend\/web → backend\/api/);
    expect(answerGestureQuestion('keep')).toBe(true);
    expect(lintStore.getState().question).toBeNull();
    expect(allowed('frontend/web', 'backend/api', 8080)).toBe(true);
    expect(workspaceStore.getState().text).toMatch(/name: default-deny-egress/);

    toggleDefaultDeny('backend', 'egress', true);
    expect(lintStore.getState().question?.check.broken[0]?.message).toMatch(
      /backend\/api → backend\/db/,
    );
    answerGestureQuestion('keep');
    expect(allowed('backend/api', 'backend/db', 5432)).toBe(true);
    expect(allowed('frontend/web', 'backend/db', 5432)).toBe(false);

    const afterFirst = workspaceStore.getState().text;
    workspaceStore.getState().undo();
    expect(workspaceStore.getState().text).not.toBe(afterFirst);
    expect(allowed('backend/api', 'backend/db', 5432)).toBe(true);
    workspaceStore.getState().undo();
    expect(workspaceStore.getState().text).toBe(drawn);
  });

  it('denies as asked when told to, and says what it broke', () => {
    toggleDefaultDeny('frontend', 'egress', true);
    expect(answerGestureQuestion('break')).toBe(true);
    expect(allowed('frontend/web', 'backend/api', 8080)).toBe(false);
    expect(workspaceStore.getState().notice?.message).toMatch(/drawn flow is now denied/);
  });

  it('leaves the text alone when dismissed', () => {
    const drawn = workspaceStore.getState().text;
    toggleDefaultDeny('frontend', 'egress', true);
    expect(answerGestureQuestion(null)).toBe(false);
    expect(workspaceStore.getState().text).toBe(drawn);
  });
});

describe('findingRange', () => {
  const base = 'a: 1\nb: 2\nc: 3\n';
  const finding = (line: number, column: number, endLine: number, endColumn: number) =>
    ({ line, column, endLine, endColumn }) as LintFinding;
  const stores = (linted: string | null, current: string) => {
    const lints = createLintStore();
    lints.setState({ text: linted });
    const ws = createWorkspaceStore();
    ws.getState().setText(current);
    return [lints, ws] as const;
  };
  it('is the finding itself while the text is the one linted', () => {
    expect(findingRange(finding(2, 1, 2, 5), ...stores(base, base))).toEqual(finding(2, 1, 2, 5));
  });
  it('moves with the lines and characters typed before it since', () => {
    const [lints, ws] = stores(base, `# edited\n${base}`);
    expect(findingRange(finding(2, 1, 2, 5), lints, ws)).toEqual(finding(3, 1, 3, 5));
    const [l2, w2] = stores(base, 'a: 12\nb: 2\nc: 3\n');
    expect(findingRange(finding(2, 4, 2, 5), l2, w2)).toEqual(finding(2, 4, 2, 5));
    // After it: it stays.
    const [l3, w3] = stores(base, `${base}d: 4\n`);
    expect(findingRange(finding(1, 1, 1, 5), l3, w3)).toEqual(finding(1, 1, 1, 5));
  });
  it('is null once an edit touched it', () => {
    const [lints, ws] = stores(base, 'a: 1\nb: 22\nc: 3\n');
    expect(findingRange(finding(2, 1, 2, 5), lints, ws)).toBeNull();
  });
});
