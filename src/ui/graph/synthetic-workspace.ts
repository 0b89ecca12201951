// A generated workspace of many namespaces, deployments and policies, for measuring the canvas
// (e2e performance checks and quick timings of the graph transforms).

/** `namespaces` × `perNamespace` deployments (ports 8080, 9090) and `policiesPerNamespace` policies each. */
export function syntheticWorkspace(
  namespaces: number,
  perNamespace: number,
  policiesPerNamespace: number,
): string {
  const docs: string[] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `team-${n}`;
    docs.push(
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n    team: t${n % 3}\n`,
    );
    for (let i = 0; i < perNamespace; i++) {
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${i}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels:\n      app: svc-${i}\n  template:\n    metadata:\n      labels:\n        app: svc-${i}\n        tier: t${i % 4}\n    spec:\n      containers:\n        - name: c\n          image: x\n          ports:\n            - containerPort: 8080\n            - containerPort: 9090\n`,
      );
    }
    for (let p = 0; p < policiesPerNamespace; p++) {
      docs.push(
        `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p-${p}\n  namespace: ${ns}\nspec:\n  podSelector:\n    matchLabels:\n      tier: t${p % 4}\n  policyTypes: [Ingress${p % 3 === 0 ? ', Egress' : ''}]\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              tier: t${(p + 1) % 4}\n        - namespaceSelector:\n            matchLabels:\n              team: t${p % 3}\n          podSelector:\n            matchLabels:\n              app: svc-${p}\n      ports:\n        - port: 8080\n${p % 3 === 0 ? `  egress:\n    - to:\n        - podSelector:\n            matchLabels:\n              tier: t${(p + 2) % 4}\n      ports:\n        - port: ${p % 2 ? 8080 : 9090}\n` : ''}`,
      );
    }
  }
  return docs.join('---\n');
}
