// Highlight flows in a large workspace: flows with a sizeable other namespace become one edge per
// direction whose members are the single flows, each still findable for its explanation.
import { describe, expect, it } from 'vitest';
import { buildEngineIndex, evaluateFlow } from '../engine/evaluate.ts';
import { withInferred } from '../model/infer-workloads.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { buildGraph } from './build-graph.ts';
import { findFlow, flowsFor, packFlows, unpackFlows } from './flows.ts';
import { syntheticWorkspace } from '../../fixtures/synthetic-workspace.ts';
import fc from 'fast-check';
import { labelsFrom } from '../model/selector.ts';
import { EXAMPLES } from '../ui/examples/examples.ts';
import { CLUSTER_TIERS_YAML } from '../ui/examples/cluster-tiers.ts';
import { indexed, NAMESPACES, policy, workload } from '../../fixtures/policy-arbitraries.ts';
import { applyTyped, typedEdit } from '../../fixtures/text-edits.ts';

function model(namespaces: number, perNamespace: number) {
  const ws = withInferred(readWorkspace(syntheticWorkspace(namespaces, perNamespace, 4)));
  return { ws, graph: buildGraph(ws), index: buildEngineIndex(ws) };
}

describe('flowsFor', () => {
  it('draws one edge per flow in a small workspace', () => {
    const { graph, index } = model(3, 5);
    const flows = flowsFor(graph, index, 'team-0/svc-1');
    expect(flows.every((f) => f.members === undefined)).toBe(true);
    expect(flows).toHaveLength(2 * 14);
  });

  it('groups the flows with each other namespace in a large one, keeping every verdict', () => {
    const { graph, index } = model(8, 10);
    const flows = flowsFor(graph, index, 'team-2/svc-3');
    const groups = flows.filter((f) => f.members);
    // Its own namespace stays one edge per workload; the 7 others become one edge per direction.
    expect(flows.filter((f) => !f.members)).toHaveLength(2 * 9);
    expect(groups).toHaveLength(2 * 7);
    for (const g of groups) {
      const members = g.members ?? [];
      expect(members).toHaveLength(10);
      const states = new Set(members.map((m) => m.state));
      expect(g.state).toBe(states.size === 1 ? [...states][0] : 'partial');
      expect(g.ariaLabel).toMatch(/, 10 workloads: /);
      for (const m of members) {
        expect(findFlow(flows, m.id)).toBe(m);
        // Each member's verdicts are the engine's, port by port.
        const [from, to] = [m.source, m.target].map((id) => {
          const d = graph.nodeById.get(id)?.data;
          if (d?.kind !== 'workload') throw new Error(id);
          return { kind: 'workload' as const, workload: d.workload };
        });
        for (const p of m.ports)
          expect(evaluateFlow(index, { from: from!, to: to!, ...p }).allowed).toBe(p.allowed);
      }
    }
    const out = groups.find((g) => g.direction === 'out');
    expect(out?.id).toMatch(/^flow\|team-2\/svc-3\|ns:team-\d$/);
    expect(findFlow(flows, out?.id ?? '')).toBe(out);
  });
});

describe('flows as a worker sends them', () => {
  it('packs each namespace edge to its members ids and gives back the same flows', () => {
    const { graph, index } = model(8, 10);
    const flows = flowsFor(graph, index, 'team-2/svc-3');
    const wire = structuredClone(packFlows(flows));
    const groups = wire.filter((f) => f.packed);
    expect(groups).toHaveLength(2 * 7);
    // Whole summaries never travel: a group carries its ids as one string with their lengths,
    // and each member's verdicts as an index into the distinct lists.
    expect(wire.some((f) => 'members' in f)).toBe(false);
    for (const g of groups) {
      const packed = g.packed;
      expect(packed?.lengths).toHaveLength(10);
      expect(packed?.list).toHaveLength(10);
      expect(packed?.ids.length).toBe([...(packed?.lengths ?? [])].reduce((a, b) => a + b, 0));
      expect(new Set(packed?.lists).size).toBe(packed?.lists.length);
    }
    const back = unpackFlows(wire, graph, 'team-2/svc-3');
    expect(back).toEqual(flows);
    for (const f of flows) for (const m of f.members ?? []) expect(findFlow(back, m.id)).toEqual(m);
  });

  it('counts each group by state without making its members', () => {
    const { graph, index } = model(8, 10);
    for (const f of flowsFor(graph, index, 'team-5/svc-0')) {
      if (!f.counts) continue;
      const states = (f.members ?? []).map((m) => m.state);
      expect(f.counts).toEqual({
        allowed: states.filter((s) => s === 'allowed').length,
        partial: states.filter((s) => s === 'partial').length,
        denied: states.filter((s) => s === 'denied').length,
      });
    }
  });
});

describe('flowsFor by class', () => {
  const both = (
    graph: ReturnType<typeof buildGraph>,
    index: ReturnType<typeof buildEngineIndex>,
  ) => {
    for (const n of graph.nodes) {
      if (n.data.kind !== 'workload') continue;
      expect(flowsFor(graph, index, n.id)).toEqual(
        flowsFor(graph, index, n.id, { byClass: false }),
      );
    }
  };

  it('gives every workload of the examples and a synthetic workspace the verdicts probed one by one', () => {
    for (const text of [...EXAMPLES.map((e) => e.yaml), syntheticWorkspace(4, 12, 5)]) {
      const ws = withInferred(readWorkspace(text));
      both(buildGraph(ws), buildEngineIndex(ws));
    }
  });

  it('law: the same flows as probing each workload, on random clusters and policies', () => {
    fc.assert(
      fc.property(
        indexed(1, 8, (i) => workload(i)),
        indexed(0, 5, (i) => policy(i)),
        (workloads, policies) => {
          const ws = withInferred({
            namespaces: NAMESPACES.map((name) => ({
              name,
              labels: labelsFrom([['kubernetes.io/metadata.name', name]]),
              inferred: false,
            })),
            workloads,
            policies,
          });
          both(buildGraph(ws), buildEngineIndex(ws));
        },
      ),
      { numRuns: 150 },
    );
  });

  /** The selection's flows after `edited` is read from `text`'s read: new, and as probed anew. */
  function probedAgain(text: string, selected: string, edited: string) {
    const first = readWorkspace(text);
    const flows = (read: typeof first, byClass: boolean) => {
      const ws = withInferred(read);
      return flowsFor(buildGraph(ws), buildEngineIndex(ws), selected, { byClass });
    };
    const before = flows(first, true);
    expect(edited).not.toBe(text);
    const second = readWorkspace(edited, {}, first);
    expect(second.workloads.every((w, i) => w === first.workloads[i])).toBe(true);
    const after = flows(second, true);
    expect(after).toEqual(flows(second, false));
    expect(after).not.toEqual(before);
  }

  it('probes again after a namespace is relabelled, though no workload or policy changed', () => {
    // team-1 leaves `team: t1`, which team-0's policy p-1 lets in with app=svc-1 (no namespace is
    // left with that label: one is inferred for the selector).
    const text = syntheticWorkspace(3, 5, 4);
    probedAgain(
      text,
      'team-1/svc-1',
      text.replace(
        '  name: team-1\n  labels:\n    team: t1\n',
        '  name: team-1\n  labels:\n    team: t9\n',
      ),
    );
    // Namespace c joins `env: x`, which a's policy lets in: the same namespaces, one relabelled.
    const ns = (name: string, env: string) =>
      `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: {env: ${env}}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ${name}, labels: {app: p}}\nspec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}\n---\n`;
    const small =
      ns('a', 'x') +
      ns('b', 'x') +
      ns('c', 'y') +
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: in, namespace: a}\nspec:\n  podSelector: {}\n  ingress:\n    - from: [{namespaceSelector: {matchLabels: {env: x}}}]\n';
    probedAgain(
      small,
      'a/p',
      small.replace('{name: c, labels: {env: y}}', '{name: c, labels: {env: x}}'),
    );
  });

  it('probes again after a cluster policy changed, though it selects none of the pods probed again', () => {
    const text = CLUSTER_TIERS_YAML;
    const first = readWorkspace(text);
    const flows = (read: typeof first, byClass: boolean) => {
      const ws = withInferred(read);
      return flowsFor(buildGraph(ws), buildEngineIndex(ws), 'metrics/prometheus', { byClass });
    };
    const before = flows(first, true);
    // Prometheus's scrape of api, accepted by the Admin tier, is denied instead.
    const edited = text.replace('action: Accept', 'action: Deny');
    const second = readWorkspace(edited, {}, first);
    const after = flows(second, true);
    expect(after).toEqual(flows(second, false));
    expect(after).not.toEqual(before);
  });

  it('probes every flow again when the selection’s rules for any peer, or its probed ports, change', () => {
    const pod = (name: string, ports: string, ip: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop, labels: {app: ${name}}}\nspec: {containers: [{name: c, image: i, ports: [${ports}]}]}\nstatus: {podIP: ${ip}}\n---\n`;
    const text =
      pod('a', '', '10.1.0.4') +
      pod('b', '{containerPort: 8080}', '10.1.0.5') +
      pod('c', '{containerPort: 8080}', '10.1.0.6') +
      // a declares no ports: those its ingress rules open are probed; b declares 8080.
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: a}}\n  policyTypes: [Ingress, Egress]\n  ingress:\n    - from: [{podSelector: {matchLabels: {app: b}}}]\n      ports: [{port: 80}]\n    - from: [{ipBlock: {cidr: 10.9.0.0/32}}]\n      ports: [{port: 80}]\n  egress:\n    - to: [{ipBlock: {cidr: 192.0.2.0/24}}]\n      ports: [{port: 443}]\n---\n' +
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: b, namespace: shop}\nspec:\n  podSelector: {matchLabels: {app: b}}\n  policyTypes: [Ingress]\n  ingress:\n    - ports: [{port: 8080}]\n';
    const flows = (read: ReturnType<typeof readWorkspace>, selected: string, byClass: boolean) => {
      const ws = withInferred(read);
      return flowsFor(buildGraph(ws), buildEngineIndex(ws), selected, { byClass });
    };
    for (const [selected, from, to] of [
      // A rule from b opens another port: the ports probed into a, so every flow in.
      ['shop/a', 'ports: [{port: 80}]', 'ports: [{port: 81}]'],
      // A rule from every source (b's own port probed): every flow in, though no peer names one.
      ['shop/b', 'ports: [{port: 8080}]', 'ports: [{port: 9090}]'],
      // An ipBlock comes to hold c's IP: c's flow in, though no selector names c.
      ['shop/a', 'cidr: 10.9.0.0/32', 'cidr: 10.1.0.6/32'],
      // a is no longer isolated for egress: every flow out.
      ['shop/a', 'policyTypes: [Ingress, Egress]', 'policyTypes: [Ingress]'],
      // The way out to an external network on another port.
      ['shop/a', 'ports: [{port: 443}]', 'ports: [{port: 8443}]'],
    ] as const) {
      const first = readWorkspace(text);
      const before = flows(first, selected, true);
      const edited = text.replace(from, to);
      expect(edited).not.toBe(text);
      const second = readWorkspace(edited, {}, first);
      const after = flows(second, selected, true);
      expect(after).toEqual(flows(second, selected, false));
      expect(after).not.toEqual(before);
    }
  });

  it('law: after each edit, a selection probed again only where the edit reached has the flows of probing every workload', () => {
    // Read as the editor reads (each text from the read before it: the objects the edit did not
    // touch are the same ones), and the selection's flows asked after every edit.
    const texts = [syntheticWorkspace(3, 5, 4), ...EXAMPLES.map((e) => e.yaml)];
    const edits = ['x', '2', '\n', 'app: web\n', '{}', 'tier: t1\n', '\n---\n', ' '];
    // Typed at a random place, or a label value changed (a namespace's, a pod's, a selector's).
    const edit = fc.oneof(
      typedEdit(fc.constantFrom(...edits), 3),
      fc.record({ relabel: fc.nat(), value: fc.constantFrom('t0', 't1', 't9') }),
    );
    const apply = (text: string, c: typeof edit extends fc.Arbitrary<infer E> ? E : never) => {
      if ('relabel' in c) {
        const values = [...text.matchAll(/: (t\d)$/gm)];
        const m = values[c.relabel % Math.max(1, values.length)];
        if (!m || m.index === undefined) return text;
        return text.slice(0, m.index + 2) + c.value + text.slice(m.index + 2 + 2);
      }
      return applyTyped(text, c);
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(edit, { minLength: 1, maxLength: 5 }),
        fc.nat(),
        (start, changes, pick) => {
          let text = start;
          let read = readWorkspace(text);
          const ids = withInferred(read).workloads.map((w) => w.id);
          const selected = ids[pick % ids.length] as string;
          for (const c of [null, ...changes]) {
            if (c) {
              text = apply(text, c);
              read = readWorkspace(text, {}, read);
            }
            const ws = withInferred(read);
            const graph = buildGraph(ws);
            const index = buildEngineIndex(ws);
            if (!graph.nodeById.has(selected)) continue;
            expect(flowsFor(graph, index, selected)).toEqual(
              flowsFor(graph, index, selected, { byClass: false }),
            );
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});
