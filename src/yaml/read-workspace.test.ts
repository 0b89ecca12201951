// The reader's happy path: a mixed stream becomes namespaces, workloads and normalized policies,
// with sources that lead back to the text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locate, readWorkspace } from './read-workspace.ts';
import type { Diagnostic } from '../model/types.ts';

const STREAM = `apiVersion: v1
kind: Namespace
metadata:
  name: prod
  labels: {team: a}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: prod}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: c
        ports: [{containerPort: 8080, name: http}, {containerPort: 53, protocol: UDP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
  namespace: prod
spec:
  podSelector:
    matchLabels: {app: web}
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: a}}
      podSelector: {}
    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
    ports:
    - port: http
    - port: 8000
      endPort: 8080
      protocol: TCP
`;

describe('readWorkspace happy path', () => {
  const r = readWorkspace(STREAM);

  it('reads a clean stream without diagnostics', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.documents).toHaveLength(3);
  });

  it('reads namespaces with the automatic name label', () => {
    expect(r.namespaces).toHaveLength(1);
    const ns = r.namespaces[0]!;
    expect(ns.name).toBe('prod');
    expect(ns.inferred).toBe(false);
    expect({ ...ns.labels }).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'prod' });
  });

  it('reads workloads with template labels and container ports', () => {
    expect(r.workloads).toHaveLength(1);
    const w = r.workloads[0]!;
    expect(w.id).toBe('prod/web');
    expect(w.kind).toBe('Deployment');
    expect({ ...w.labels }).toEqual({ app: 'web' });
    expect(w.ports).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
    ]);
  });

  it('normalizes the policy', () => {
    const p = r.policies[0]!;
    expect(p.id).toBe('prod/allow-web');
    expect(p.valid).toBe(true);
    expect(p.policyTypes).toEqual({ ingress: true, egress: false });
    expect(p.policyTypesDefaulted).toBe(true);
    expect(p.ingress).toHaveLength(1);
    const rule = p.ingress[0]!;
    expect(rule.peers).toHaveLength(2);
    expect(rule.peers![0]).toMatchObject({
      kind: 'selector',
      namespaceSelector: { matchLabels: { team: 'a' } },
    });
    expect(rule.peers![1]).toEqual({
      kind: 'ipBlock',
      cidr: '10.0.0.0/8',
      except: ['10.1.0.0/16'],
    });
    expect(rule.ports).toEqual([
      { protocol: 'TCP', port: 'http', endPort: null },
      { protocol: 'TCP', port: 8000, endPort: 8080 },
    ]);
  });

  it('locates fields of an object', () => {
    const p = r.policies[0]!;
    const at = locate(r, p.source!, 'spec.ingress[0].from[1]');
    expect(at?.line).toBe(31);
    expect(at?.column).toBe(7);
    expect(locate(r, p.source!, 'spec.nothing')).toBeUndefined();
  });
});

const NP = (name: string, spec = 'podSelector: {}', ns = 'ns') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  ${spec}\n`;

function only(text: string, code: string): Diagnostic {
  const found = readWorkspace(text).diagnostics.filter((d) => d.code === code);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('stream and kind rules (K1–K10)', () => {
  it('K1: content after --- on the separator line', () => {
    const d = only(`${NP('a')}--- {kind: x}\n`, 'K1');
    expect([d.severity, d.message, d.line, d.document]).toEqual([
      'error',
      'invalid Yaml document separator: {kind: x}',
      8,
      1,
    ]);
  });

  it('K2: a syntax error is located, and the other documents still read', () => {
    const r = readWorkspace(`${NP('a')}---\nmetadata: {name: [\n---\n${NP('b')}`);
    const d = r.diagnostics.find((x) => x.code === 'yaml-syntax')!;
    expect(d.severity).toBe('error');
    expect(d.document).toBe(1);
    expect(d.line).toBeGreaterThanOrEqual(9);
    expect(d.line).toBeLessThanOrEqual(10);
    expect(r.policies.map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('K3: no objects at all', () => {
    for (const text of ['', '# only a comment\n', '---\n---\n']) {
      const d = only(text, 'K3');
      expect([d.severity, d.message, d.line]).toEqual(['info', 'no objects passed to apply', 1]);
    }
  });

  it('K4: a document that is a list or a scalar', () => {
    const d = only('- a\n- b\n', 'K4');
    expect([d.severity, d.line]).toEqual(['error', 1]);
    expect(d.message.startsWith('invalid object to validate')).toBe(true);
  });

  it('K5: kind or apiVersion missing or not a string', () => {
    const missing = only('apiVersion: v1\nmetadata: {name: a}\n', 'K5');
    expect([missing.message, missing.path, missing.line]).toEqual(['kind not set', 'kind', 1]);
    const typed = only('apiVersion: 1\nkind: Namespace\n', 'K5');
    expect([typed.message, typed.path, typed.line]).toEqual([
      "apiVersion isn't string type",
      'apiVersion',
      1,
    ]);
  });

  it('K6: a kind the cluster does not serve (removed version, wrong group, wrong case)', () => {
    const old = only(NP('a').replace('networking.k8s.io/v1', 'extensions/v1beta1'), 'K6');
    expect([old.severity, old.message, old.path, old.line]).toEqual([
      'error',
      'no matches for kind "NetworkPolicy" in version "extensions/v1beta1"',
      'apiVersion',
      1,
    ]);
    const lower = only(NP('a').replace('kind: NetworkPolicy', 'kind: networkPolicy'), 'K6');
    expect([lower.message, lower.path, lower.line]).toEqual([
      'no matches for kind "networkPolicy" in version "networking.k8s.io/v1"',
      'kind',
      2,
    ]);
    expect(readWorkspace(NP('a').replace('networking.k8s.io/v1', 'v1')).policies).toEqual([]);
  });

  it('K7: CRD look-alikes are unsupported, never read as NetworkPolicies', () => {
    const crds = [
      ['cilium.io/v2', 'CiliumNetworkPolicy'],
      ['cilium.io/v2', 'CiliumClusterwideNetworkPolicy'],
      ['projectcalico.org/v3', 'NetworkPolicy'],
      ['projectcalico.org/v3', 'GlobalNetworkPolicy'],
      ['crd.projectcalico.org/v1', 'NetworkPolicy'],
      // Antrea's ClusterNetworkPolicy shares the name of policy.networking.k8s.io's kind.
      ['crd.antrea.io/v1beta1', 'ClusterNetworkPolicy'],
      ['crd.antrea.io/v1beta1', 'NetworkPolicy'],
    ];
    const text = crds
      .map(
        ([api, kind]) =>
          `apiVersion: ${api}\nkind: ${kind}\nmetadata: {name: x, namespace: ns}\nspec:\n  selector: {}\n  ingress: [{fromEndpoints: [{}]}]\n`,
      )
      .join('---\n');
    const r = readWorkspace(text);
    expect(r.policies).toEqual([]);
    expect(r.others.map((o) => [o.kind, o.unsupported])).toEqual(crds.map(([, k]) => [k, true]));
    const warnings = r.diagnostics.filter((d) => d.code === 'K7');
    expect(warnings).toHaveLength(crds.length);
    expect(warnings[0]!.severity).toBe('warning');
    expect(warnings[0]!.line).toBe(2);
    expect(warnings[0]!.message).toBe(
      'unsupported kind CiliumNetworkPolicy (cilium.io/v2): Cilium policies are not Kubernetes NetworkPolicies and are not evaluated',
    );
    expect(r.diagnostics.every((d) => d.code === 'K7')).toBe(true);
  });

  it('K8: List items are read one by one, errors name the item', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata: {name: good, namespace: ns}\n  spec: {podSelector: {}}\n- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata: {name: bad-policy, namespace: ns}\n  spec: {podSelector: {}, policyTypes: [ingress]}\n`;
    const r = readWorkspace(text);
    expect(r.policies.map((p) => [p.name, p.valid, p.source?.objectPath])).toEqual([
      ['good', true, 'items[0]'],
      ['bad-policy', false, 'items[1]'],
    ]);
    const d = r.diagnostics.find((x) => x.code === 'Y2')!;
    expect([d.objectPath, d.object, d.line]).toEqual([
      'items[1]',
      'NetworkPolicy ns/bad-policy',
      11,
    ]);
    const broken = only('apiVersion: v1\nkind: List\nitems: {a: 1}\n', 'K8');
    expect([broken.severity, broken.path, broken.line]).toEqual(['error', 'items', 3]);
  });

  it('K9: names are compared whole, a slash in an invalid name included', () => {
    const pod = (ns: string, name: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: "${name}", namespace: "${ns}"}\nspec: {containers: [{name: c}]}\n`;
    const k9 = (text: string) =>
      readWorkspace(text)
        .diagnostics.filter((d) => d.code === 'K9')
        .map((d) => d.document);
    expect(k9(`${pod('a', 'x')}---\n${pod('b', 'x')}---\n${pod('a', 'x')}`)).toEqual([2]);
    // `Pod/a/b/c` either way: the check has always compared kind/namespace/name as one text.
    expect(k9(`${pod('a', 'b/c')}---\n${pod('a/b', 'c')}`)).toEqual([1]);
    expect(k9(`${pod('a', 'b')}---\n${pod('a/b', '')}---\n${pod('a', 'b')}`)).toEqual([2]);
  });

  it('K9: the same object twice is a warning on the later one', () => {
    const d = only(`${NP('a')}---\n${NP('a')}`, 'K9');
    expect([d.severity, d.line, d.document, d.object]).toEqual([
      'warning',
      9,
      1,
      'NetworkPolicy ns/a',
    ]);
    expect(d.message).toBe(
      'NetworkPolicy ns/a is defined again (first in document 1): on apply the later one replaces the earlier',
    );
  });

  it('K10: an object above the 3 MiB request limit', () => {
    const filler = `  # ${'x'.repeat(1000)}\n`.repeat(3300);
    const text = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: big\n  namespace: ns\nspec:\n${filler}  podSelector: {}\n`;
    const d = only(text, 'K10');
    expect([d.severity, d.message, d.line]).toEqual([
      'error',
      'Request entity too large: limit is 3145728',
      1,
    ]);
  });
});

describe('defaults and inference (DF1–DF10)', () => {
  const rule = (spec: string) => readWorkspace(NP('p', spec)).policies[0]!;

  it('DF1: protocol defaults to TCP', () => {
    const p = rule('ingress: [{ports: [{port: 80}, {port: 53, protocol: ~}]}]');
    expect(p.ingress[0]!.ports!.map((x) => x.protocol)).toEqual(['TCP', 'TCP']);
  });

  it('DF2: policyTypes defaults to Ingress, plus Egress when egress rules exist', () => {
    expect(rule('egress: [{}]').policyTypes).toEqual({ ingress: true, egress: true });
    expect(rule('egress: [{}]').policyTypesDefaulted).toBe(true);
    expect(rule('policyTypes: []').policyTypes).toEqual({ ingress: true, egress: false });
    expect(rule('policyTypes: [Egress]').policyTypes).toEqual({ ingress: false, egress: true });
    expect(rule('policyTypes: [Egress]').policyTypesDefaulted).toBe(false);
  });

  it('DF3: a missing or null podSelector, or no spec, selects every pod', () => {
    expect(rule('podSelector: ~').podSelector).toEqual({ matchLabels: {}, matchExpressions: [] });
    const noSpec = readWorkspace(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ns}\n',
    );
    const p = noSpec.policies[0]!;
    expect(p.valid).toBe(true);
    expect(p.podSelector.matchExpressions).toEqual([]);
    expect(p.policyTypes).toEqual({ ingress: true, egress: false });
    expect(p.ingress).toEqual([]);
  });

  it('DF4: a missing namespace is the default namespace, marked as assumed', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p}\n';
    const p = readWorkspace(text).policies[0]!;
    expect([p.namespace, p.namespaceAssumed, p.id]).toEqual(['default', true, 'default/p']);
    const q = readWorkspace(text, { defaultNamespace: 'dev' }).policies[0]!;
    expect([q.namespace, q.namespaceAssumed]).toEqual(['dev', true]);
    expect(readWorkspace(text).namespaces).toEqual([
      { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' }, inferred: true },
    ]);
  });

  it('DF5: empty or missing from/ports mean all; an empty ingress list denies all', () => {
    const p = rule('ingress: [{}, {from: [], ports: []}]');
    expect(p.ingress).toEqual([
      { peers: null, ports: null },
      { peers: null, ports: null },
    ]);
    expect(rule('ingress: []').ingress).toEqual([]);
  });

  it('DF6: a missing port matches every port of the protocol', () => {
    expect(rule('ingress: [{ports: [{protocol: UDP}]}]').ingress[0]!.ports).toEqual([
      { protocol: 'UDP', port: null, endPort: null },
    ]);
  });

  it('DF7: a null list item is the zero struct', () => {
    const p = rule('ingress: [~]');
    expect(p.valid).toBe(true);
    expect(p.ingress).toEqual([{ peers: null, ports: null }]);
    expect(only(NP('p', 'ingress: [{from: [~]}]'), 'P1').path).toBe('spec.ingress[0].from[0]');
  });

  it('DF8: a null label value is the empty string', () => {
    const p = rule('podSelector: {matchLabels: {tier: ~}}');
    expect({ ...p.podSelector.matchLabels }).toEqual({ tier: '' });
    expect(p.valid).toBe(true);
  });

  it('DF9: selectors in one peer are one peer (AND); two items are two peers (OR)', () => {
    const and = rule(
      'ingress: [{from: [{podSelector: {matchLabels: {a: b}}, namespaceSelector: {}}]}]',
    );
    expect(and.ingress[0]!.peers).toEqual([
      {
        kind: 'selector',
        podSelector: { matchLabels: { a: 'b' }, matchExpressions: [] },
        namespaceSelector: { matchLabels: {}, matchExpressions: [] },
      },
    ]);
    const or = rule('ingress: [{from: [{podSelector: {}}, {namespaceSelector: {}}]}]');
    expect(or.ingress[0]!.peers!.map((x) => x.kind === 'selector' && x.namespaceSelector)).toEqual([
      null,
      { matchLabels: {}, matchExpressions: [] },
    ]);
  });

  it('DF10: items of a typed list inherit kind and apiVersion', () => {
    const text =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicyList\nitems:\n- metadata: {name: a, namespace: ns}\n  spec: {podSelector: {}}\n';
    const r = readWorkspace(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.policies.map((p) => [p.id, p.source?.objectPath])).toEqual([['ns/a', 'items[0]']]);
  });
});

describe('kubectl get -o yaml output', () => {
  const r = readWorkspace(readFileSync('fixtures/kubectl-get-all.yaml', 'utf8'));

  it('reads a List of namespaces, pods, controllers and policies', () => {
    expect(r.namespaces.map((n) => [n.name, n.inferred, { ...n.labels }])).toEqual([
      ['shop', false, { 'kubernetes.io/metadata.name': 'shop', team: 'payments' }],
    ]);
    expect(r.policies.map((p) => [p.id, p.valid])).toEqual([
      ['shop/db-from-web', true],
      ['shop/default-deny', true],
    ]);
  });

  it('folds owned pods into their controller and joins their IPs', () => {
    expect(r.workloads.map((w) => [w.id, w.kind, w.ips])).toEqual([
      ['shop/debug', 'Pod', ['10.244.2.44']],
      ['shop/web', 'Deployment', ['10.244.1.17', '10.244.2.9', 'fd00:10:244:2::9']],
      ['shop/db', 'StatefulSet', ['10.244.1.30']],
    ]);
    const web = r.workloads[1]!;
    expect(web.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(web.source?.objectPath).toBe('items[5]');
  });

  it('warns about server-set fields and reports no errors', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(new Set(r.diagnostics.map((d) => d.code))).toEqual(new Set(['M19']));
  });

  it('folds a pod whose ReplicaSet is absent into the Deployment that selects it', () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: a}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c}]}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n  namespace: a\n  labels: {app: web}\n  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-x, uid: u, controller: true}]\nspec: {containers: [{name: c}]}\nstatus: {podIP: 10.0.0.5}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-2\n  namespace: b\n  labels: {app: web}\n  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-x, uid: u, controller: true}]\nspec: {containers: [{name: c}]}\n`;
    const w = readWorkspace(text).workloads;
    expect(w.map((x) => [x.id, x.ips])).toEqual([
      ['a/web', ['10.0.0.5']],
      ['b/web-2', []],
    ]);
  });
});

describe('hostile and unusual input', () => {
  it('stops an alias bomb with a located error', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
    const t0 = Date.now();
    const r = readWorkspace(text);
    expect(Date.now() - t0).toBeLessThan(2000);
    const d = r.diagnostics.find((x) => x.code === 'yaml-alias-budget')!;
    expect(d.severity).toBe('error');
    expect(d.line).toBeGreaterThan(5);
  });

  it('keeps __proto__ and constructor as plain label data', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: ns\n  labels:\n    __proto__: x\n    constructor: c1\n    toString: z\nspec: {containers: [{name: c}]}\n`;
    const r = readWorkspace(text);
    const labels = r.workloads[0]!.labels;
    expect(Object.getPrototypeOf(labels)).toBeNull();
    expect(Object.keys(labels)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(labels['__proto__']).toBe('x');
    expect(labels['constructor']).toBe('c1');
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['M11', 7]]);
  });

  it('reports lines and columns correctly with a BOM and CRLF line ends', () => {
    const text = `\ufeff${NP('a', 'podSelector: {matchLabels: {app: "-x"}}').replace(/\n/g, '\r\n')}`;
    const r = readWorkspace(text);
    const d = r.diagnostics.find((x) => x.code === 'S-V2')!;
    expect([d.line, d.column]).toEqual([7, 36]);
    const kind = locate(r, r.policies[0]!.source!, 'apiVersion')!;
    expect([kind.line, kind.column]).toEqual([1, 1]);
  });

  it('reads other kinds as kept-but-not-evaluated objects', () => {
    const r = readWorkspace('apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: ns}\n');
    expect(r.others).toMatchObject([
      { kind: 'Service', name: 's', namespace: 'ns', unsupported: false },
    ]);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['info', 'not-evaluated']]);
    expect(r.namespaces.map((n) => n.name)).toEqual(['ns']);
  });
});

describe('workload kinds', () => {
  const template = `    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, ports: [{containerPort: 9000, protocol: UDP}]}]}\n`;
  it('reads the pod template of every controller kind', () => {
    const text = [
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds, namespace: a}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n${template}`,
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: ss, namespace: a}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n${template}`,
      `apiVersion: batch/v1\nkind: Job\nmetadata: {name: job, namespace: a}\nspec:\n  template:\n${template}`,
      `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cron, namespace: a}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n${template.replace(/^ {4}/gm, '        ')}`,
    ].join('---\n');
    const r = readWorkspace(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.workloads.map((w) => [w.id, w.kind, { ...w.labels }, w.ports])).toEqual(
      ['ds', 'ss', 'job', 'cron'].map((n, i) => [
        `a/${n}`,
        ['DaemonSet', 'StatefulSet', 'Job', 'CronJob'][i],
        { app: 'x' },
        [{ port: 9000, protocol: 'UDP' }],
      ]),
    );
    expect(r.namespaces).toEqual([
      { name: 'a', labels: { 'kubernetes.io/metadata.name': 'a' }, inferred: true },
    ]);
  });

  it('validates template labels and names but not unknown fields of workloads', () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: Web, namespace: a}\nspec:\n  unknownField: 1\n  template:\n    metadata: {labels: {app: "-x"}}\n    spec: {containers: [{name: c}]}\n`;
    const r = readWorkspace(text);
    expect(r.diagnostics.map((d) => [d.code, d.path, d.line, d.object])).toEqual([
      ['M3', 'metadata.name', 3, 'Deployment a/Web'],
      ['M12', 'spec.template.metadata.labels', 7, 'Deployment a/Web'],
    ]);
  });

  it('warns about a Namespace defined twice', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n';
    const d = readWorkspace(`${ns}---\n${ns}`).diagnostics;
    expect(d.map((x) => [x.code, x.line, x.message])).toEqual([
      [
        'K9',
        5,
        'Namespace a is defined again (first in document 1): on apply the later one replaces the earlier',
      ],
    ]);
  });
});
