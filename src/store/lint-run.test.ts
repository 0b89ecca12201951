// Lint as the app runs it: located findings with quick fixes, the workloads the canvas badges, and
// the check that keeps a default-deny toggle from breaking drawn flows silently.
/// <reference types="vite/client" />
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Workload } from '../model/types.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import type { ReadResult } from '../yaml/read-workspace.ts';
import { applyEdits } from '../yaml/edit.ts';
import { buildEngineIndex, evaluateFlow } from '../engine/evaluate.ts';
import { addAllowEdge } from '../authoring/allow-edge.ts';
import { setDefaultDeny } from '../authoring/remove-and-deny.ts';
import type { GestureResult } from '../authoring/policy-text.ts';
import { checkGesture, findingsByWorkload, lintRead, shareRepeats, spanEdit } from './lint-run.ts';
import { syntheticWorkspace } from '../../fixtures/synthetic-workspace.ts';
import { applyTyped, typedEdit } from '../../fixtures/text-edits.ts';

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

const w = (ws: ReadResult, id: string) => ws.workloads.find((x) => x.id === id) as Workload;
const allowed = (ws: ReadResult, from: string, to: string, port: number) =>
  evaluateFlow(buildEngineIndex(ws), {
    from: { kind: 'workload', workload: w(ws, from) },
    to: { kind: 'workload', workload: w(ws, to) },
    port,
    protocol: 'TCP',
  }).allowed;

function edits(r: GestureResult) {
  if ('error' in r) throw new Error(r.error);
  return r.edits;
}

/** frontend/web → backend/api:8080 and backend/api → backend/db:5432, drawn on the canvas. */
function drawn(): { text: string; ws: ReadResult } {
  let text = fixture('draw-then-deny.yaml');
  for (const [from, to, port] of [
    ['frontend/web', 'backend/api', 8080],
    ['backend/api', 'backend/db', 5432],
  ] as const) {
    const ws = readWorkspace(text);
    text = applyEdits(
      text,
      edits(
        addAllowEdge(text, ws, {
          from: { kind: 'workload', workload: w(ws, from) },
          to: { kind: 'workload', workload: w(ws, to) },
          ports: [{ protocol: 'TCP', port, endPort: null }],
        }),
      ),
    );
  }
  return { text, ws: readWorkspace(text) };
}

describe('lintRead', () => {
  it('locates a classic mistake at its field and carries its quick fix as text edits', () => {
    const text = fixture('lint/label-typo.yaml');
    const ws = readWorkspace(text);
    const f = lintRead(text, ws).find((x) => x.rule === 'pod-selector-matches-nothing');
    expect(f?.severity).toBe('warning');
    expect(text.split('\n')[(f?.line ?? 0) - 1]).toMatch(/podSelector/);
    expect(f?.quickFix?.edits.length).toBeGreaterThan(0);
    const fixed = applyEdits(text, f?.quickFix?.edits ?? []);
    expect(lintRead(fixed, readWorkspace(fixed)).map((x) => x.rule)).not.toContain(
      'pod-selector-matches-nothing',
    );
  });
});

describe('lintRead of a read made from the one before (the lint worker’s)', () => {
  const texts = [
    fixture('lint/label-typo.yaml'),
    fixture('draw-then-deny.yaml'),
    drawn().text,
    syntheticWorkspace(3, 6, 4),
  ];
  const inserts = ['x', '1', '\n', ' ', '- ', 'app: web\n', 'role: db\n', '\n---\n', '{}', '#'];

  it('law: equals the lint of a fresh read after any sequence of edits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(typedEdit(fc.constantFrom(...inserts), 4), { minLength: 1, maxLength: 4 }),
        (start, steps) => {
          let text = start;
          let read = readWorkspace(text);
          for (const step of steps) {
            text = applyTyped(text, step);
            read = readWorkspace(text, {}, read);
            expect(lintRead(text, read)).toEqual(lintRead(text, readWorkspace(text)));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('findingsByWorkload', () => {
  it('badges the workloads a finding names, and the pods of the policy it is about', () => {
    const text = fixture('lint/label-typo.yaml');
    const ws = readWorkspace(text);
    const findings = lintRead(text, ws);
    const by = findingsByWorkload(ws.workloads, ws.policies, findings);
    const typo = findings.find((x) => x.rule === 'pod-selector-matches-nothing');
    const selected = ws.workloads.filter((x) => [...(by.get(x.id) ?? [])].some((f) => f === typo));
    expect(selected.length).toBeGreaterThan(0);
    // Infos (a workload no policy selects) get no badge.
    for (const list of by.values()) expect(list.every((f) => f.severity !== 'info')).toBe(true);
  });

  it('badges both ends of a half-open flow', () => {
    const s = drawn();
    const denied = applyEdits(
      s.text,
      edits(setDefaultDeny(s.text, s.ws, 'frontend', 'egress', true, { withDns: true })),
    );
    const ws = readWorkspace(denied);
    const by = findingsByWorkload(ws.workloads, ws.policies, lintRead(denied, ws));
    expect(by.get('frontend/web')?.map((f) => f.rule)).toContain('half-open-flow');
    expect(by.get('backend/api')?.map((f) => f.rule)).toContain('half-open-flow');
    expect(by.has('backend/db')).toBe(false);
  });
});

describe('spanEdit', () => {
  it('rewrites only what differs', () => {
    for (const [a, b] of [
      ['abcdef', 'abXYef'],
      ['abc', 'abc'],
      ['', 'xyz'],
      ['aaa', 'aaaa'],
      ['aaaa', 'aa'],
    ] as const) {
      const e = spanEdit(a, b);
      expect(applyEdits(a, [e])).toBe(b);
      expect(e.end - e.start).toBeLessThanOrEqual(a.length);
    }
    expect(spanEdit('abcdef', 'abXYef')).toEqual({ start: 2, end: 4, text: 'XY' });
  });
});

describe('checkGesture: draw frontend→api and api→db, then deny egress in both namespaces', () => {
  it('reports the flow each toggle would break, and keeps it in one edit when asked', () => {
    let s = drawn();
    expect(allowed(s.ws, 'frontend/web', 'backend/api', 8080)).toBe(true);
    for (const ns of ['frontend', 'backend']) {
      const deny = edits(setDefaultDeny(s.text, s.ws, ns, 'egress', true, { withDns: true }));
      const check = checkGesture(s.text, s.ws, deny);
      expect(check.broken.map((f) => f.rule)).toEqual(['half-open-flow']);
      expect(check.broken[0]?.message).toMatch(
        ns === 'frontend' ? /frontend\/web → backend\/api/ : /backend\/api → backend\/db/,
      );
      expect(check.stillBroken).toEqual([]);
      // Denying without the fixes breaks the flow; keeping applies the deny and the egress rule.
      const brokenText = applyEdits(s.text, deny);
      const brokenWs = readWorkspace(brokenText);
      const keptText = applyEdits(s.text, [check.keep ?? { start: 0, end: 0, text: '' }]);
      const kept = readWorkspace(keptText);
      if (ns === 'frontend') {
        expect(allowed(brokenWs, 'frontend/web', 'backend/api', 8080)).toBe(false);
        expect(allowed(kept, 'frontend/web', 'backend/api', 8080)).toBe(true);
      } else {
        expect(allowed(brokenWs, 'backend/api', 'backend/db', 5432)).toBe(false);
        expect(allowed(kept, 'backend/api', 'backend/db', 5432)).toBe(true);
      }
      // The deny itself still happened: web may no longer reach db.
      expect(allowed(kept, 'frontend/web', 'backend/db', 5432)).toBe(false);
      s = { text: keptText, ws: kept };
    }
    expect(lintRead(s.text, s.ws).filter((f) => f.rule === 'half-open-flow')).toEqual([]);
  });

  it('says nothing when the toggle breaks no drawn flow', () => {
    const text = fixture('draw-then-deny.yaml');
    const ws = readWorkspace(text);
    const deny = edits(setDefaultDeny(text, ws, 'frontend', 'egress', true, { withDns: true }));
    expect(checkGesture(text, ws, deny)).toEqual({ broken: [], keep: null, stillBroken: [] });
  });
});

describe('shareRepeats', () => {
  it('gives equal related locations one object, and the findings stay equal', () => {
    const text = syntheticWorkspace(12, 6, 5);
    const findings = lintRead(text, readWorkspace(text));
    const shared = shareRepeats(findings);
    expect(shared).toEqual(findings);
    const related = findings.flatMap((f) => f.related ?? []);
    const objects = new Set(shared.flatMap((f) => f.related ?? []));
    const distinct = new Set(related.map((r) => JSON.stringify(r)));
    expect(related.length).toBeGreaterThan(distinct.size);
    expect(objects.size).toBe(distinct.size);
    // What a worker's reply holds: each shared entry once.
    expect(structuredClone(shared)).toEqual(findings);
  });
});
