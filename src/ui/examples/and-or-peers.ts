// Example: the classic NetworkPolicy pitfall, one peer with two selectors (AND) next to two peers
// with one selector each (OR), so the canvas shows how different they are.
export const AND_OR_PEERS_YAML = `# AND vs OR: one dash or two changes everything.
apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels:
    team: payments
---
apiVersion: v1
kind: Namespace
metadata:
  name: reporting
  labels:
    team: finance
---
apiVersion: v1
kind: Pod
metadata:
  name: ledger
  namespace: payments
  labels:
    app: ledger
spec:
  containers:
    - name: ledger
      image: example/ledger:1.0
      ports:
        - containerPort: 8443
---
apiVersion: v1
kind: Pod
metadata:
  name: auditor
  namespace: reporting
  labels:
    role: auditor
spec:
  containers:
    - name: auditor
      image: example/auditor:1.0
---
apiVersion: v1
kind: Pod
metadata:
  name: dashboard
  namespace: reporting
  labels:
    role: dashboard
spec:
  containers:
    - name: dashboard
      image: example/dashboard:1.0
---
# AND: one peer with both selectors. Only auditors in finance namespaces get in.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ledger-and
  namespace: payments
spec:
  podSelector:
    matchLabels:
      app: ledger
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              team: finance
          podSelector:
            matchLabels:
              role: auditor
      ports:
        - port: 8443
---
# OR: two peers. Every pod in a finance namespace, or any auditor in payments, gets in.
# Delete this policy and watch the dashboard lose access.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ledger-or
  namespace: payments
spec:
  podSelector:
    matchLabels:
      app: ledger
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              team: finance
        - podSelector:
            matchLabels:
              role: auditor
      ports:
        - port: 8443
`;
