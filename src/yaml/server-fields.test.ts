// `kubectl get -o yaml` output: the fields the API server writes are one warning per kind of field
// for the whole text, and never the reason an object (above all a NetworkPolicy) is left out.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from './read-workspace.ts';

const policy = (name: string, status: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: shop
  uid: 0b7c-${name}
  resourceVersion: "41${name.length}"
  generation: 1
  creationTimestamp: "2023-05-01T10:00:00Z"
  selfLink: /apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/${name}
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy"}
  managedFields:
  - manager: kubectl-client-side-apply
    operation: Update
    apiVersion: networking.k8s.io/v1
    time: "2023-05-01T10:00:00Z"
    fieldsType: FieldsV1
    fieldsV1: {"f:spec": {"f:podSelector": {}}}
spec:
  podSelector: {matchLabels: {app: ${name}}}
  policyTypes: [Ingress]
${status}`;

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
  uid: 1c8d-${name}
  resourceVersion: "900"
  generation: 3
  creationTimestamp: "2023-05-01T10:00:00Z"
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: nginx}]}
status:
  replicas: 1
  conditions: [{type: Available, status: "True"}]
`;

describe('server-written fields (kubectl get -o yaml)', () => {
  it('keeps NetworkPolicies with status: {} and with status conditions, valid', () => {
    const text = [
      policy('a', 'status: {}\n'),
      policy(
        'b',
        'status:\n  conditions:\n  - type: PolicyEnforced\n    status: "True"\n    reason: Applied\n',
      ),
    ].join('---\n');
    const r = readWorkspace(text);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.policies.map((p) => [p.id, p.valid])).toEqual([
      ['shop/a', true],
      ['shop/b', true],
    ]);
  });

  it('reports one warning per kind of server field across a stream of many objects', () => {
    const docs: string[] = [];
    for (let i = 0; i < 6; i++) docs.push(policy(`p${i}`, 'status: {}\n'), deployment(`d${i}`));
    docs.push(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  uid: 2d9e\n  resourceVersion: "7"\nspec:\n  finalizers: [kubernetes]\nstatus:\n  phase: Active\n',
    );
    const r = readWorkspace(docs.join('---\n'));
    expect(r.diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.every((d) => d.code === 'M19')).toBe(true);
    expect(warnings.map((d) => d.path).sort()).toEqual(
      [
        'metadata.annotations',
        'metadata.creationTimestamp',
        'metadata.generation',
        'metadata.managedFields',
        'metadata.resourceVersion',
        'metadata.selfLink',
        'metadata.uid',
        'status',
      ].sort(),
    );
    const status = warnings.find((d) => d.path === 'status')!;
    // At the first object's status key, counting every object that carries one.
    expect([status.document, status.line, status.column]).toEqual([0, 24, 1]);
    expect(status.object).toBe('NetworkPolicy shop/p0');
    expect(status.message).toContain('on 13 objects');
    expect(status.message).toContain('refused as an unknown field by clusters from 1.28 on');
    expect(warnings.find((d) => d.path === 'metadata.uid')!.message).toContain('on 13 objects');
    expect(warnings.find((d) => d.path === 'metadata.managedFields')!.message).toContain(
      'on 6 objects',
    );
    expect(r.policies).toHaveLength(6);
    expect(r.policies.every((p) => p.valid)).toBe(true);
    expect(r.workloads.map((w) => w.id)).toEqual([
      'shop/d0',
      'shop/d1',
      'shop/d2',
      'shop/d3',
      'shop/d4',
      'shop/d5',
    ]);
  });

  it('reads a kubectl List with metadata: {resourceVersion: ""} of mixed kinds without errors', () => {
    const items = [policy('a', 'status: {}\n'), deployment('web')]
      .map((d) => `- ${d.trimEnd().replace(/\n/g, '\n  ')}\n`)
      .join('');
    const text = `apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: ""\nitems:\n${items}`;
    const r = readWorkspace(text);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.policies.map((p) => [p.id, p.valid, p.source?.objectPath])).toEqual([
      ['shop/a', true, 'items[0]'],
    ]);
    expect(r.workloads.map((w) => w.id)).toEqual(['shop/web']);
    // The List's own empty resourceVersion is not a server field of any object.
    const rv = r.diagnostics.filter((d) => d.path === 'metadata.resourceVersion');
    expect(rv).toHaveLength(1);
    expect(rv[0]!.message).toContain('on 2 objects');
  });

  it('keeps strictness inside spec next to server fields', () => {
    const text = policy('a', 'status: {}\n').replace(
      '  policyTypes: [Ingress]\n',
      '  policyTypes: [Ingress]\n  ingress:\n  - form: []\n',
    );
    const r = readWorkspace(text);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.ingress[0].form"',
    ]);
    expect(r.policies[0]!.valid).toBe(false);
  });

  it('reads the same summaries after an incremental edit as from scratch', () => {
    const text = [policy('a', 'status: {}\n'), deployment('d'), policy('b', 'status: {}\n')].join(
      '---\n',
    );
    const before = readWorkspace(text);
    const edited = text.replace('app: b}}', 'app: c}}');
    const again = readWorkspace(edited, {}, before);
    expect(again.diagnostics).toEqual(readWorkspace(edited).diagnostics);
  });
});
