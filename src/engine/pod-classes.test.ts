import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { buildEngineIndex } from './evaluate.ts';
import { podClasses } from './pod-classes.ts';
import { computeReachability, naiveReachability } from './reachability.ts';

interface PodSpec {
  readonly ns: string;
  readonly name: string;
  readonly labels?: Record<string, string>;
  readonly ip?: string;
  readonly ips?: readonly string[];
  readonly port?: number;
  readonly hostNetwork?: boolean;
}

function pod(p: PodSpec): string {
  const labels = Object.entries(p.labels ?? { app: 'x' })
    .map(([k, v]) => `\n    ${k}: ${JSON.stringify(v)}`)
    .join('');
  const ips = p.ips ?? (p.ip ? [p.ip] : []);
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${p.name}
  namespace: ${p.ns}
  labels:${labels}
spec:${p.hostNetwork ? '\n  hostNetwork: true' : ''}
  containers:
  - name: c
    ports:
    - containerPort: ${p.port ?? 80}
${ips.length ? `status:\n  podIPs:\n${ips.map((ip) => `  - ip: ${ip}`).join('\n')}\n` : ''}`;
}

const ingressFrom = (ns: string, from: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: ${ns}}
spec:
  podSelector: {}
  ingress:
  - from:
${from}
`;

/** The classes of the workspace's pods, as sets of pod names, and whether bulk = per pair. */
function classesOf(docs: readonly string[]): string[][] {
  const ws = readWorkspace(docs.join('---\n'));
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const index = buildEngineIndex(ws);
  const pods = index.workloads.filter((w) => !w.inferred);
  const c = podClasses(index, pods);
  const out = c.representatives.map(() => [] as string[]);
  pods.forEach((w, i) => out[c.classOf[i] ?? 0]?.push(w.name));
  expect(Array.from(c.sizes)).toEqual(out.map((x) => x.length));
  expect(computeReachability(index).summary).toEqual(naiveReachability(index).summary);
  return out.map((x) => x.sort()).sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** An Admin-tier cluster policy over every namespace that denies egress to `networks`. */
const denyingEgressTo = (networks: string) => `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: c}
spec:
  tier: Admin
  priority: 1
  subject: {namespaces: {}}
  egress:
  - action: Deny
    to:
    - networks: [${networks}]
`;

describe('classes of pods', () => {
  it('puts identical pods in one class, whatever their names and unread labels', () => {
    const pods = Array.from({ length: 6 }, (_, i) =>
      pod({ ns: 'a', name: `p${i}`, labels: { app: 'x', 'pod-template-hash': `h${i}` } }),
    );
    const policy = ingressFrom('a', '    - podSelector: {matchLabels: {app: x}}');
    expect(classesOf([...pods, policy])).toEqual([['p0', 'p1', 'p2', 'p3', 'p4', 'p5']]);
  });

  it('splits by a label value a selector names, not by values it does not', () => {
    const policy = ingressFrom('a', '    - podSelector: {matchLabels: {tier: web}}');
    const docs = [
      pod({ ns: 'a', name: 'web', labels: { tier: 'web' } }),
      pod({ ns: 'a', name: 'api', labels: { tier: 'api' } }),
      pod({ ns: 'a', name: 'db', labels: { tier: 'db' } }),
      pod({ ns: 'a', name: 'none', labels: { other: 'y' } }),
    ];
    expect(classesOf([...docs, policy])).toEqual([['api', 'db'], ['none'], ['web']]);
  });

  it('splits by the CIDRs in use: an ipBlock and its except on the first IP', () => {
    const policy = ingressFrom('a', '    - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.1.0/24]}');
    const docs = [
      pod({ ns: 'a', name: 'in1', ip: '10.0.0.5' }),
      pod({ ns: 'a', name: 'in2', ip: '10.0.2.5' }),
      pod({ ns: 'a', name: 'except', ip: '10.0.1.5' }),
      pod({ ns: 'a', name: 'out', ip: '192.168.0.1' }),
      pod({ ns: 'a', name: 'noip' }),
      // Only the first IP is matched against an ipBlock.
      pod({ ns: 'a', name: 'second', ips: ['192.168.0.2', '10.0.0.6'] }),
    ];
    expect(classesOf([...docs, policy])).toEqual([
      ['except'],
      ['in1', 'in2'],
      ['noip', 'out', 'second'],
    ]);
  });

  it('splits by networks CIDRs on any IP, and by host networking under cluster policies', () => {
    const cnp = denyingEgressTo('10.0.0.0/24');
    const docs = [
      pod({ ns: 'a', name: 'first', ip: '10.0.0.5' }),
      pod({ ns: 'a', name: 'second', ips: ['192.168.0.1', '10.0.0.6'] }),
      pod({ ns: 'a', name: 'out', ip: '192.168.0.1' }),
      pod({ ns: 'a', name: 'host', ip: '192.168.0.2', hostNetwork: true }),
    ];
    expect(classesOf([...docs, cnp])).toEqual([['first', 'second'], ['host'], ['out']]);
  });

  it('tells addresses apart by the longest prefix in use, IPv4 or not, one address or more', () => {
    // Pods with one IPv4 address share the CIDR text of their subnet at the longest IPv4 prefix
    // length in use (/30 here): a shorter one (/24, /16) must not merge .1 with .5.
    const cnp = denyingEgressTo('10.0.0.0/30, 2001:db8::/64');
    const policy = ingressFrom('a', '    - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.1.0/24]}');
    const docs = [
      pod({ ns: 'a', name: 'n1', ip: '10.0.0.1' }),
      pod({ ns: 'a', name: 'n2', ip: '10.0.0.2' }),
      pod({ ns: 'a', name: 'n5', ip: '10.0.0.5' }),
      pod({ ns: 'a', name: 'n6', ip: '10.0.0.6' }),
      pod({ ns: 'a', name: 'except', ip: '10.0.1.1' }),
      pod({ ns: 'a', name: 'v6', ip: '2001:db8::1' }),
      pod({ ns: 'a', name: 'v6b', ips: ['2001:db8::2', '10.9.0.1'] }),
      // Not in the /30 by either address; the second address decides, not the cached subnet.
      pod({ ns: 'a', name: 'two', ips: ['10.0.0.9', '10.0.0.5'] }),
      pod({ ns: 'a', name: 'two3', ips: ['10.0.0.9', '10.0.0.3'] }),
    ];
    expect(classesOf([...docs, policy, cnp])).toEqual([
      ['except'],
      ['n1', 'n2', 'two3'],
      ['n5', 'n6', 'two'],
      ['v6', 'v6b'],
    ]);
  });

  it('splits by declared ports', () => {
    const docs = [
      pod({ ns: 'a', name: 'p80', port: 80 }),
      pod({ ns: 'a', name: 'q80', port: 80 }),
      pod({ ns: 'a', name: 'p81', port: 81 }),
    ];
    expect(classesOf(docs)).toEqual([['p80', 'q80'], ['p81']]);
  });

  it('joins namespaces without policies whose labels read alike; a policy namespace stands alone', () => {
    const ns = (name: string, env: string) =>
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels: {env: ${env}}\n`;
    const policy = ingressFrom('a', '    - namespaceSelector: {matchLabels: {env: prod}}');
    const docs = [
      ns('a', 'prod'),
      ns('b', 'prod'),
      ns('c', 'prod'),
      ns('d', 'dev'),
      pod({ ns: 'a', name: 'a1' }),
      pod({ ns: 'b', name: 'b1' }),
      pod({ ns: 'c', name: 'c1' }),
      pod({ ns: 'd', name: 'd1' }),
    ];
    expect(classesOf([...docs, policy])).toEqual([['a1'], ['b1', 'c1'], ['d1']]);
  });
});
