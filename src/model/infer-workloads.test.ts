// Inference from selectors, read through the real YAML reader so the tests use what users paste.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { inferWorkloads, labelsSatisfying, selectorText, withInferred } from './infer-workloads.ts';
import { isEmptySelector, labelsFrom, matchesSelector } from './selector.ts';
import { METADATA_NAME_LABEL } from './types.ts';
import type { Labels, LabelSelector, NetworkPolicy } from './types.ts';
import {
  indexed,
  labels,
  NAMESPACES,
  policy as arbitraryPolicy,
  SMALL,
  workload,
} from '../../fixtures/policy-arbitraries.ts';
import { buildEngineIndex } from '../engine/evaluate.ts';
import { computeReachability } from '../engine/reachability.ts';

const policy = (name: string, ns: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;

const THREE_TIER_POLICIES = [
  policy(
    'web',
    'shop',
    `  podSelector:\n    matchLabels:\n      tier: web\n  ingress:\n    - ports:\n        - port: 8080\n`,
  ),
  policy(
    'api',
    'shop',
    `  podSelector:\n    matchLabels:\n      tier: api\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              tier: web\n      ports:\n        - port: 8000\n`,
  ),
  policy(
    'db',
    'shop',
    `  podSelector:\n    matchLabels:\n      tier: db\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              tier: api\n      ports:\n        - port: 5432\n`,
  ),
].join('---\n');

describe('inferWorkloads', () => {
  it('infers one workload per tier from policy-only YAML, with the ports rules open to it', () => {
    const ws = readWorkspace(THREE_TIER_POLICIES);
    expect(ws.workloads).toHaveLength(0);
    const inf = inferWorkloads(ws);
    expect(inf.workloads.map((w) => w.id)).toEqual([
      'shop/tier=web',
      'shop/tier=api',
      'shop/tier=db',
    ]);
    expect(inf.workloads.every((w) => w.inferred)).toBe(true);
    expect(inf.workloads.find((w) => w.name === 'tier=db')?.ports).toEqual([
      { port: 5432, protocol: 'TCP' },
    ]);
    expect(inf.workloads[0]?.labels).toEqual(labelsFrom([['tier', 'web']]));
    // shop itself is already implied by the reader.
    expect(inf.namespaces).toEqual([]);
  });

  it('infers nothing for a selector a real workload already matches', () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: api-1\n  namespace: shop\n  labels:\n    tier: api\n    version: v2\nspec:\n  containers:\n    - name: c\n      image: x\n`;
    const ws = readWorkspace(`${pod}---\n${THREE_TIER_POLICIES}`);
    const ids = inferWorkloads(ws).workloads.map((w) => w.id);
    expect(ids).toEqual(['shop/tier=web', 'shop/tier=db']);
  });

  it('places a peer in the namespace its namespaceSelector pins, inferring that namespace', () => {
    const ws = readWorkspace(
      policy(
        'dns',
        'shop',
        `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: kube-system\n          podSelector:\n            matchLabels:\n              k8s-app: kube-dns\n      ports:\n        - protocol: UDP\n          port: 53\n`,
      ),
    );
    const inf = inferWorkloads(ws);
    expect(inf.namespaces.map((n) => n.name)).toEqual(['kube-system']);
    expect(inf.workloads).toMatchObject([
      { id: 'kube-system/k8s-app=kube-dns', ports: [{ port: 53, protocol: 'UDP' }] },
    ]);
  });

  it('looks in a namespace inferred after a selector was first answered', () => {
    const ns = `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    env: x\n`;
    const egressTo = (name: string, nsLabels: string, app: string) =>
      policy(
        name,
        'a',
        `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - namespaceSelector:\n            matchLabels:\n${nsLabels}          podSelector:\n            matchLabels:\n              app: ${app}\n`,
      );
    const envX = '              env: x\n';
    const ws = readWorkspace(
      [
        ns,
        // env=x matches namespace a only (so far).
        egressTo('p0', envX, 'z'),
        // No namespace has env=x and team=q: one is inferred, with app=api in it.
        egressTo('p1', `${envX}              team: q\n`, 'api'),
        // env=x now matches the inferred namespace too, where app=api already is.
        egressTo('p2', envX, 'api'),
      ].join('---\n'),
    );
    expect(ws.diagnostics).toEqual([]);
    expect(inferWorkloads(ws).workloads.map((w) => w.id)).toEqual([
      'a/app=z',
      'env=x,team=q/app=api',
    ]);
  });

  it('names a namespace by its selector when no namespace has the labels', () => {
    const ws = readWorkspace(
      policy(
        'ops',
        'shop',
        `  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              team: ops\n          podSelector:\n            matchLabels:\n              app: agent\n`,
      ),
    );
    const inf = inferWorkloads(ws);
    expect(inf.namespaces.map((n) => [n.name, n.labels['team']])).toEqual([['team=ops', 'ops']]);
    expect(inf.workloads.map((w) => w.id)).toEqual(['team=ops/app=agent']);
  });

  it('infers nothing for empty selectors (the whole namespace) and dedupes repeats', () => {
    const ws = readWorkspace(
      [
        policy('deny', 'shop', `  podSelector: {}\n  policyTypes: [Ingress]\n`),
        policy('a', 'shop', `  podSelector:\n    matchLabels:\n      app: a\n`),
        policy('a2', 'shop', `  podSelector:\n    matchLabels:\n      app: a\n`),
      ].join('---\n'),
    );
    expect(inferWorkloads(ws).workloads.map((w) => w.id)).toEqual(['shop/app=a']);
  });

  it('lets a rejected policy invent neither workloads nor ports, and the probes agree', () => {
    const rejected = policy(
      'api',
      'myapp',
      `  podSelector:\n    matchLabels:\n      tier: api\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              tier: web\n      ports:\n        - port: 0\n        - port: 70000\n`,
    );
    const alone = readWorkspace(rejected);
    expect(alone.policies[0]?.valid).toBe(false);
    expect(inferWorkloads(alone).workloads).toEqual([]);
    const probed = withInferred(alone);
    expect(computeReachability(buildEngineIndex(probed)).summary.flows).toBe(0);

    // Beside a valid policy for the same pods, only the valid policy's port is a guess.
    const valid = policy(
      'api-ok',
      'myapp',
      `  podSelector:\n    matchLabels:\n      tier: api\n  ingress:\n    - ports:\n        - port: 8080\n`,
    );
    const both = inferWorkloads(readWorkspace(`${rejected}---\n${valid}`));
    expect(both.workloads.map((w) => [w.id, w.ports.map((p) => p.port)])).toEqual([
      ['myapp/tier=api', [8080]],
    ]);
  });

  it('never guesses a port a container could not declare', () => {
    const ws = readWorkspace(THREE_TIER_POLICIES);
    // A model built by hand (not read) that claims validity with out-of-range ports.
    const odd = ws.policies.map((p) => ({
      ...p,
      ingress: p.ingress.map((r) => ({
        ...r,
        ports: [0, 70000, 1.5, 443].map((port) => ({
          protocol: 'TCP' as const,
          port,
          endPort: null,
        })),
      })),
    }));
    const inf = inferWorkloads({ ...ws, policies: odd });
    expect(inf.workloads.length).toBeGreaterThan(0);
    for (const w of inf.workloads) expect(w.ports).toEqual([{ port: 443, protocol: 'TCP' }]);
  });

  it('withInferred appends inferred objects after the real ones', () => {
    const ws = withInferred(readWorkspace(THREE_TIER_POLICIES));
    expect(ws.workloads).toHaveLength(3);
    expect(ws.inferredCount).toBe(3);
  });
});

describe('selector helpers', () => {
  const sel = (
    matchLabels: [string, string][],
    exprs: {
      key: string;
      operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
      values: string[];
    }[] = [],
  ) => ({
    matchLabels: labelsFrom(matchLabels),
    matchExpressions: exprs,
  });

  it('renders selectors compactly', () => {
    expect(selectorText(sel([['tier', 'web']]))).toBe('tier=web');
    expect(selectorText(sel([], [{ key: 'env', operator: 'In', values: ['a', 'b'] }]))).toBe(
      'env in (a,b)',
    );
    expect(selectorText(sel([]))).toBe('all pods');
  });

  it('builds labels that satisfy a selector, or null when impossible', () => {
    expect(labelsSatisfying(sel([], [{ key: 'env', operator: 'In', values: ['prod'] }]))).toEqual(
      labelsFrom([['env', 'prod']]),
    );
    expect(
      labelsSatisfying(sel([['a', '1']], [{ key: 'a', operator: 'NotIn', values: ['1'] }])),
    ).toBeNull();
    // A key that must exist and be one of a list: the list's value, whatever the order.
    expect(
      labelsSatisfying(
        sel(
          [],
          [
            { key: 'app', operator: 'Exists', values: [] },
            { key: 'app', operator: 'In', values: ['x', 'y'] },
            { key: 'app', operator: 'NotIn', values: ['x'] },
          ],
        ),
      ),
    ).toEqual(labelsFrom([['app', 'y']]));
  });
});

describe('inferWorkloads on random policies', () => {
  const world = fc.record({
    namespaceLabels: fc.tuple(labels(SMALL), labels(SMALL), labels(SMALL)),
    workloads: indexed(0, 5, (i) => workload(i)),
    policies: indexed(1, 8, (i) => arbitraryPolicy(i)),
  });
  it('gives every satisfiable selector of a valid policy a workload, and infers none needlessly', () => {
    fc.assert(
      fc.property(world, (w) => {
        const namespaces = NAMESPACES.map((name, i) => ({
          name,
          labels: labelsFrom([
            ...Object.entries(w.namespaceLabels[i] ?? {}),
            [METADATA_NAME_LABEL, name] as const,
          ]),
          inferred: false,
        }));
        const ws = { namespaces, workloads: w.workloads, policies: w.policies };
        const inferred = inferWorkloads(ws);
        const allNamespaces = [...namespaces, ...inferred.namespaces];
        const all = [...w.workloads, ...inferred.workloads];
        // Worked out afresh for each selector (no memo): the namespaces it looks in.
        const within = (p: NetworkPolicy, nsSel: LabelSelector | null): string[] =>
          nsSel === null
            ? [p.namespace]
            : allNamespaces.filter((n) => matchesSelector(n.labels, nsSel)).map((n) => n.name);
        const wanted: { namespaces: string[]; selector: LabelSelector }[] = [];
        for (const p of w.policies.filter((x) => x.valid)) {
          wanted.push({ namespaces: [p.namespace], selector: p.podSelector });
          for (const r of [...p.ingress, ...p.egress])
            for (const peer of r.peers ?? [])
              if (peer.kind === 'selector' && peer.podSelector)
                wanted.push({
                  namespaces: within(p, peer.namespaceSelector),
                  selector: peer.podSelector,
                });
        }
        for (const c of wanted) {
          if (isEmptySelector(c.selector) || c.namespaces.length === 0) continue;
          if (!labelsSatisfying(c.selector)) continue;
          const found = all.some(
            (x) => c.namespaces.includes(x.namespace) && matchesSelector(x.labels, c.selector),
          );
          expect(found, selectorText(c.selector)).toBe(true);
        }
        // Each inferred workload is the first answer to its selector: no workload before it in
        // its namespace already matched its labels' selector.
        inferred.workloads.forEach((x, i) => {
          const before = [...w.workloads, ...inferred.workloads.slice(0, i)];
          expect(
            before.some((b) => b.namespace === x.namespace && sameLabels(b.labels, x.labels)),
          ).toBe(false);
        });
        // Deterministic: the same answer again.
        expect(inferWorkloads(ws)).toEqual(inferred);
      }),
      { numRuns: 300 },
    );
  });
});

function sameLabels(a: Labels, b: Labels): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
