import { describe, expect, it } from 'vitest';
import { readWorkspace, locate } from '../yaml/read-workspace.ts';
import { LineIndex } from '../yaml/text-position.ts';
import { forThePage } from './parse-reply.ts';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-in, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - ports: [{port: 80}]
---
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: {name: deny-all}
spec:
  tier: Baseline
  priority: 10
  subject: {namespaces: {}}
  ingress:
    - action: Deny
      from: [{namespaces: {}}]
`;

describe('forThePage', () => {
  it('keeps the trees of policy documents only, and what the page needs of them survives a clone', () => {
    const read = readWorkspace(TEXT);
    expect(read.stream.documents.every((d) => d.root !== null)).toBe(true);
    const reply = structuredClone(forThePage(read));
    expect(reply.stream.documents.map((d) => d.root !== null)).toEqual([false, true, true]);
    expect(reply.stream.documents.map((d) => d.span)).toEqual(
      read.stream.documents.map((d) => d.span),
    );
    expect(reply.lines).toBeNull();
    expect('resume' in reply).toBe(false);
    // The model is whole: workloads, policies and diagnostics as read.
    expect(reply.workloads).toEqual(read.workloads);
    expect(reply.policies).toEqual(read.policies);
    expect(reply.diagnostics).toEqual(read.diagnostics);
    // A field of a policy is still found in the page's copy.
    const page = { ...reply, lines: new LineIndex(TEXT) };
    const policy = page.policies[0];
    expect(policy?.source).toBeDefined();
    const found = locate(page, policy!.source!, 'spec.ingress[0].ports[0].port');
    expect(found).toEqual(locate(read, policy!.source!, 'spec.ingress[0].ports[0].port'));
    expect(found?.line).toBe(16);
  });
});
