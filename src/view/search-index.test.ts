import { describe, expect, it } from 'vitest';
import { syntheticWorkspace } from '../../fixtures/synthetic-workspace.ts';
import { matchesSelector } from '../model/selector.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { buildSearchIndex, normalise } from './search-index.ts';
import type { SearchSource } from './search-index.ts';

const source: SearchSource = {
  workloads: [
    { id: 'shop/web', name: 'web', namespace: 'shop', labels: { app: 'web', tier: 'front' } },
    { id: 'shop/webhook', name: 'webhook', namespace: 'shop', labels: { app: 'webhook' } },
    { id: 'shop/api', name: 'api', namespace: 'shop', labels: { app: 'api', tier: 'back' } },
    { id: 'ops/cobweb', name: 'cobweb', namespace: 'ops', labels: { tier: 'back' } },
    { id: 'Ops2/Ｗｅｂ', name: 'Ｗｅｂ', namespace: 'Ops2', labels: {} },
  ],
  namespaces: ['shop', 'ops', 'Ops2', 'empty'],
  policies: [
    { id: 'shop/allow-web', name: 'allow-web', namespace: 'shop', selects: ['shop/web'] },
    { id: 'shop/deny-all', name: 'deny-all', namespace: 'shop', selects: ['shop/web', 'shop/api'] },
  ],
};
const index = buildSearchIndex(source);
const ids = (query: string, kind: string) =>
  index
    .search(query)
    .find((g) => g.kind === kind)
    ?.hits.map((h) => h.id) ?? [];

describe('buildSearchIndex', () => {
  it('ranks exact above prefix above substring, case- and width-insensitively', () => {
    const hits = index.search('WEB').find((g) => g.kind === 'workload')?.hits ?? [];
    expect(hits.map((h) => [h.id, h.rank])).toEqual([
      ['shop/web', 0],
      ['Ops2/Ｗｅｂ', 0],
      ['shop/webhook', 1],
      ['ops/cobweb', 2],
    ]);
    expect(normalise(' Ｗｅｂ ')).toBe('web');
  });

  it('finds a workload by namespace/name, a namespace, a label k=v and a policy', () => {
    expect(ids('shop/api', 'workload')).toEqual(['shop/api']);
    expect(ids('ops', 'namespace')).toEqual(['ops', 'Ops2']);
    expect(ids('tier=back', 'label')).toEqual(['tier=back']);
    expect(ids('deny', 'policy')).toEqual(['shop/deny-all']);
  });

  it('carries what to centre on: a label every workload with it, a policy what it selects', () => {
    const label = index.search('tier=back').find((g) => g.kind === 'label')?.hits[0];
    expect(label?.targets).toEqual(['shop/api', 'ops/cobweb']);
    const policy = index.search('deny-all').find((g) => g.kind === 'policy')?.hits[0];
    expect(policy?.targets).toEqual(['shop/web', 'shop/api']);
    const ns = index.search('shop').find((g) => g.kind === 'namespace')?.hits[0];
    expect(ns?.targets).toEqual(['shop/web', 'shop/webhook', 'shop/api']);
    expect(index.search('empty').find((g) => g.kind === 'namespace')?.hits[0]?.targets).toEqual([]);
  });

  it('puts the group with the best match first and keeps words ANDed', () => {
    expect(index.search('ops')[0]?.kind).toBe('namespace');
    expect(index.search('api')[0]?.kind).toBe('workload');
    expect(ids('shop web', 'workload')).toEqual(['shop/web', 'shop/webhook']);
    expect(index.search('shop zzz')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
  });

  it('caps each group and reports how many matched', () => {
    const big = buildSearchIndex(
      readSource(readWorkspace(syntheticWorkspace(20, 50, 5)) as unknown as Parsed),
    );
    const group = big.search('svc-1', 4).find((g) => g.kind === 'workload');
    expect(group?.hits).toHaveLength(4);
    // svc-1 and svc-10…svc-19 in each of the 20 namespaces.
    expect(group?.total).toBe(20 * 11);
    expect(group?.hits.every((h) => h.label === 'svc-1' && h.rank === 0)).toBe(true);
  });
});

type Parsed = Pick<ReturnType<typeof readWorkspace>, 'workloads' | 'namespaces' | 'policies'>;

function readSource(ws: Parsed): SearchSource {
  return {
    workloads: ws.workloads,
    namespaces: ws.namespaces.map((n) => n.name),
    policies: ws.policies.map((p) => ({
      id: p.id,
      name: p.name,
      namespace: p.namespace,
      selects: ws.workloads
        .filter((w) => w.namespace === p.namespace && matchesSelector(w.labels, p.podSelector))
        .map((w) => w.id),
    })),
  };
}

describe('search timings at 1,000 workloads (printed, not asserted)', () => {
  it('builds once and answers keystrokes', () => {
    const ws = readWorkspace(syntheticWorkspace(20, 50, 5));
    const src = readSource(ws);
    const t0 = performance.now();
    const big = buildSearchIndex(src);
    const built = performance.now() - t0;
    const queries = ['s', 'sv', 'svc', 'svc-4', 'svc-42', 'team-7/svc-42', 'tier=t', 'p-3', 'zz'];
    const t1 = performance.now();
    let hits = 0;
    for (let round = 0; round < 20; round++) for (const q of queries) hits += big.search(q).length;
    const perQuery = (performance.now() - t1) / (20 * queries.length);
    console.log(
      `search index: ${big.size} entries built in ${built.toFixed(1)} ms; ${perQuery.toFixed(2)} ms per query`,
    );
    expect(hits).toBeGreaterThan(0);
  });
});
