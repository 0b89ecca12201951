// Cluster admin tiers around NetworkPolicy: an Admin Deny, an Admin Accept and a Pass before the
// namespace's own NetworkPolicies, and a Baseline default deny after them, so every tier decides
// some flow and the explanation names which.
const deployment = (
  ns: string,
  name: string,
  port: number,
  portName: string,
) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: ${name}
          image: example/${name}:1.0
          ports:
            - name: ${portName}
              containerPort: ${port}
`;

const namespace = (name: string, env: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
    env: ${env}
`;

export const CLUSTER_TIERS_YAML = `# Cluster tiers: the platform team's ClusterNetworkPolicies around the app team's NetworkPolicies.
# For each side of a flow: the Admin tier first (by priority), then NetworkPolicy, then Baseline.
${[
  namespace('store', 'prod'),
  namespace('sandbox', 'dev'),
  namespace('metrics', 'ops'),
  namespace('batch', 'prod'),
  deployment('store', 'web', 8080, 'http'),
  deployment('store', 'api', 8000, 'http'),
  deployment('sandbox', 'experiment', 8080, 'http'),
  deployment('metrics', 'prometheus', 9090, 'web'),
  deployment('batch', 'reports', 8080, 'http'),
].join('---\n')}---
# Admin tier: nothing from a dev namespace reaches prod, whatever NetworkPolicies say.
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: deny-dev-to-prod
spec:
  tier: Admin
  priority: 10
  subject:
    namespaces:
      matchLabels:
        env: prod
  ingress:
    - name: no-dev
      action: Deny
      from:
        - namespaces:
            matchLabels:
              env: dev
---
# Admin tier: Prometheus may scrape api although api's NetworkPolicy isolates it.
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: allow-metrics
spec:
  tier: Admin
  priority: 20
  subject:
    pods:
      namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: store
      podSelector:
        matchLabels:
          app: api
  ingress:
    - name: scrape
      action: Accept
      from:
        - pods:
            namespaceSelector:
              matchLabels:
                kubernetes.io/metadata.name: metrics
            podSelector:
              matchLabels:
                app: prometheus
---
# Admin tier: traffic from batch to api is the app team's call: their NetworkPolicy decides it.
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: batch-to-app-teams
spec:
  tier: Admin
  priority: 30
  subject:
    pods:
      namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: store
      podSelector:
        matchLabels:
          app: api
  ingress:
    - name: app-team-decides
      action: Pass
      from:
        - namespaces:
            matchLabels:
              kubernetes.io/metadata.name: batch
---
# NetworkPolicy: api takes traffic from web only.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: store
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: web
      ports:
        - port: http
---
# Baseline tier: whatever neither the Admin tier nor a NetworkPolicy decided is denied.
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: baseline-deny
spec:
  tier: Baseline
  priority: 100
  subject:
    namespaces: {}
  ingress:
    - name: default-deny
      action: Deny
      from:
        - namespaces: {}
`;
