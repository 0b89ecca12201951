// Synthetic clusters for the benchmark: namespaces of tiers with default deny, DNS egress and
// every selector form, named ports, ipBlocks and port ranges, as one multi-document YAML text;
// optionally with ClusterNetworkPolicies of both tiers on top.

const TIERS = ['web', 'api', 'db', 'cache', 'worker'];
const PORTS = {
  web: [
    { name: 'http', containerPort: 8080 },
    { name: 'metrics', containerPort: 9090 },
  ],
  api: [
    { name: 'grpc', containerPort: 9000 },
    { name: 'metrics', containerPort: 9090 },
  ],
  db: [{ name: 'postgres', containerPort: 5432 }],
  cache: [
    { name: 'redis', containerPort: 6379 },
    { name: 'gossip', containerPort: 7946, protocol: 'UDP' },
  ],
  worker: [
    { name: 'jobs', containerPort: 7000 },
    { name: 'sctp-feed', containerPort: 3868, protocol: 'SCTP' },
  ],
};
const PODS_PER_NAMESPACE = 50;

/** The IP of pod `p` of namespace `n`. */
const ipOf = (n, p) => `10.${1 + (n >> 8)}.${n & 255}.${p + 10}`;

// Label values are quoted: unquoted `true` would be a YAML boolean, which the API server rejects.
const labelLines = (labels) =>
  Object.entries(labels)
    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
    .join('\n');

function namespaceDoc(name, labels) {
  const l = labelLines(labels);
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n${l}\n`;
}

function podDoc(ns, name, labels, ports, ip) {
  const l = labelLines(labels);
  const p = ports
    .map(
      (x) =>
        `    - name: ${x.name}\n      containerPort: ${x.containerPort}\n      protocol: ${x.protocol ?? 'TCP'}`,
    )
    .join('\n');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n${l}\nspec:\n  containers:\n  - name: main\n    image: example/app:1\n    ports:\n${p}\nstatus:\n  podIP: ${ip}\n`;
}

function policy(ns, name, spec) {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;
}

function policiesFor(ns, i) {
  const env = i % 3 === 0 ? 'prod' : 'staging';
  return [
    policy(ns, 'default-deny', `  podSelector: {}\n  policyTypes: [Ingress, Egress]\n`),
    policy(
      ns,
      'allow-dns',
      `  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n      podSelector:\n        matchLabels:\n          k8s-app: kube-dns\n    ports:\n    - protocol: UDP\n      port: 53\n    - protocol: TCP\n      port: 53\n`,
    ),
    policy(
      ns,
      'web-from-internet',
      `  podSelector:\n    matchLabels:\n      tier: web\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n        except:\n        - 10.0.0.0/8\n    - namespaceSelector:\n        matchLabels:\n          role: ingress\n    ports:\n    - port: http\n`,
    ),
    policy(
      ns,
      'api-from-web',
      `  podSelector:\n    matchLabels:\n      tier: api\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          tier: web\n    ports:\n    - protocol: TCP\n      port: 9000\n`,
    ),
    policy(
      ns,
      'web-to-api',
      `  podSelector:\n    matchLabels:\n      tier: web\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector:\n        matchLabels:\n          tier: api\n    ports:\n    - port: grpc\n`,
    ),
    policy(
      ns,
      'db-from-api',
      `  podSelector:\n    matchExpressions:\n    - key: tier\n      operator: In\n      values: [db]\n  ingress:\n  - from:\n    - podSelector:\n        matchExpressions:\n        - key: tier\n          operator: In\n          values: [api, worker]\n        - key: canary\n          operator: DoesNotExist\n    ports:\n    - port: postgres\n`,
    ),
    policy(
      ns,
      'api-egress',
      `  podSelector:\n    matchExpressions:\n    - key: tier\n      operator: NotIn\n      values: [web, db]\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector:\n        matchExpressions:\n        - key: tier\n          operator: Exists\n    ports:\n    - port: 5432\n    - port: 6379\n    - protocol: UDP\n      port: 7946\n  - to:\n    - ipBlock:\n        cidr: 192.168.0.0/16\n        except:\n        - 192.168.10.0/24\n    ports:\n    - port: 30000\n      endPort: 32767\n`,
    ),
    policy(
      ns,
      'metrics-from-monitoring',
      `  podSelector:\n    matchExpressions:\n    - key: tier\n      operator: In\n      values: [web, api]\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          purpose: monitoring\n      podSelector:\n        matchLabels:\n          app: prometheus\n    ports:\n    - port: metrics\n`,
    ),
    policy(
      ns,
      'cache-from-same-env',
      `  podSelector:\n    matchLabels:\n      tier: cache\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels:\n          env: ${env}\n      podSelector:\n        matchLabels:\n          tier: api\n    - podSelector:\n        matchLabels:\n          tier: worker\n    ports:\n    - port: redis\n    - protocol: UDP\n      port: gossip\n`,
    ),
    policy(
      ns,
      'worker-feed',
      `  podSelector:\n    matchLabels:\n      tier: worker\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchExpressions:\n        - key: env\n          operator: In\n          values: [prod, staging]\n    ports:\n    - protocol: SCTP\n      port: 3868\n`,
    ),
  ];
}

/**
 * The `i`-th ClusterNetworkPolicy of the benchmark: Admin for seven in ten, Baseline for the rest;
 * subjects by namespace labels, by pod labels and by namespace name, peers of every kind the
 * engine reads (namespaces, pods, networks), numbers, ranges and named ports, every action.
 */
function clusterPolicy(i, namespaces) {
  const tier = i % 10 < 7 ? 'Admin' : 'Baseline';
  const team = `team-${(i * 7) % Math.max(1, namespaces)}`;
  const variants = [
    `  subject:\n    namespaces: {}\n  ingress:\n  - name: staging-api-to-prod-db\n    action: Accept\n    from:\n    - pods:\n        namespaceSelector:\n          matchExpressions:\n          - key: env\n            operator: In\n            values: [staging]\n        podSelector:\n          matchLabels:\n            tier: api\n    protocols:\n    - tcp:\n        destinationPort:\n          number: 5432\n  egress:\n  - name: to-prod-db\n    action: Accept\n    to:\n    - pods:\n        namespaceSelector:\n          matchLabels:\n            env: prod\n        podSelector:\n          matchLabels:\n            tier: db\n    protocols:\n    - tcp:\n        destinationPort:\n          number: 5432\n`,
    `  subject:\n    pods:\n      namespaceSelector: {}\n      podSelector:\n        matchLabels:\n          tier: ${TIERS[i % TIERS.length]}\n  ingress:\n  - name: scrape\n    action: Accept\n    from:\n    - pods:\n        namespaceSelector:\n          matchLabels:\n            purpose: monitoring\n        podSelector:\n          matchLabels:\n            app: prometheus\n    protocols:\n    - destinationNamedPort: metrics\n`,
    `  subject:\n    namespaces:\n      matchLabels:\n        kubernetes.io/metadata.name: ${team}\n  egress:\n  - name: no-partner-net\n    action: Deny\n    to:\n    - networks:\n      - 192.168.10.0/24\n      - ${ipOf(i % Math.max(1, namespaces), 0).replace(/\.\d+$/, '.0')}/28\n`,
    `  subject:\n    pods:\n      namespaceSelector:\n        matchExpressions:\n        - key: env\n          operator: In\n          values: [staging]\n      podSelector:\n        matchLabels:\n          tier: worker\n  egress:\n  - name: dns-to-np\n    action: Pass\n    to:\n    - namespaces:\n        matchLabels:\n          kubernetes.io/metadata.name: kube-system\n    protocols:\n    - udp:\n        destinationPort:\n          number: 53\n`,
    `  subject:\n    namespaces: {}\n  ingress:\n  - name: no-canary-grpc\n    action: Deny\n    from:\n    - pods:\n        namespaceSelector: {}\n        podSelector:\n          matchExpressions:\n          - key: canary\n            operator: Exists\n    protocols:\n    - tcp:\n        destinationPort:\n          range:\n            start: 8999\n            end: 9001\n`,
  ];
  const spec = variants[i % variants.length];
  return `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: cnp-${i}\nspec:\n  tier: ${tier}\n  priority: ${i}\n${spec}`;
}

/**
 * The `k`-th extra NetworkPolicy of a namespace (the many-policies shape): each selects one tier
 * and version, and allows one other tier in, or out, on a port of its own, so that no two are
 * alike and the engine cannot fold them together.
 */
function extraPolicy(ns, k) {
  const tier = TIERS[k % TIERS.length];
  const peer = TIERS[(k + 1 + Math.floor(k / TIERS.length)) % TIERS.length];
  const version = `v${Math.floor(k / TIERS.length) % 3}`;
  const port = 10000 + (k % 20000);
  const selector = `  podSelector:\n    matchLabels:\n      tier: ${tier}\n      version: ${version}\n`;
  if (k % 2 === 0) {
    return policy(
      ns,
      `extra-${k}`,
      `${selector}  ingress:\n  - from:\n    - podSelector:\n        matchLabels:\n          tier: ${peer}\n    ports:\n    - protocol: TCP\n      port: ${port}\n`,
    );
  }
  return policy(
    ns,
    `extra-${k}`,
    `${selector}  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels:\n          env: ${k % 3 === 0 ? 'prod' : 'staging'}\n      podSelector:\n        matchLabels:\n          tier: ${peer}\n    ports:\n    - port: ${port}\n      endPort: ${port + 10}\n`,
  );
}

/**
 * A cluster of about `pods` pods (rounded to whole namespaces) as YAML text, with
 * `clusterPolicies` ClusterNetworkPolicies added. Each namespace has 10 NetworkPolicies (0.2 per
 * pod); `policies` asks for that many in all, the extra ones spread over the namespaces.
 */
export function generateCluster(pods, { clusterPolicies = 0, policies = 0 } = {}) {
  const namespaces = Math.max(1, Math.round(pods / PODS_PER_NAMESPACE));
  const docs = [];
  docs.push(namespaceDoc('kube-system', { 'kubernetes.io/metadata.name': 'kube-system' }));
  docs.push(
    podDoc(
      'kube-system',
      'coredns',
      { 'k8s-app': 'kube-dns' },
      [{ name: 'dns', containerPort: 53, protocol: 'UDP' }],
      '10.96.0.10',
    ),
  );
  docs.push(namespaceDoc('monitoring', { purpose: 'monitoring' }));
  docs.push(
    podDoc(
      'monitoring',
      'prometheus',
      { app: 'prometheus' },
      [{ name: 'web', containerPort: 9090 }],
      '10.96.1.10',
    ),
  );
  let made = 2;
  const used = Math.min(namespaces, Math.ceil((pods - 2) / PODS_PER_NAMESPACE));
  const extra = Math.max(0, policies - 10 * used);
  for (let n = 0; n < namespaces && made < pods; n++) {
    const ns = `team-${n}`;
    const env = n % 3 === 0 ? 'prod' : 'staging';
    docs.push(namespaceDoc(ns, { env, ...(n % 10 === 0 ? { role: 'ingress' } : {}) }));
    for (let p = 0; p < PODS_PER_NAMESPACE && made < pods; p++, made++) {
      const tier = TIERS[p % TIERS.length];
      const labels = {
        app: `${tier}-${n}`,
        tier,
        ...(p % 7 === 0 ? { canary: 'true' } : {}),
        version: `v${p % 3}`,
      };
      const ip = ipOf(n, p);
      docs.push(podDoc(ns, `${tier}-${p}`, labels, PORTS[tier], ip));
    }
    docs.push(...policiesFor(ns, n));
    // This namespace's share of the extra policies.
    const share = Math.floor(extra / used) + (n < extra % used ? 1 : 0);
    for (let k = 0; k < share; k++) docs.push(extraPolicy(ns, k));
  }
  for (let i = 0; i < clusterPolicies; i++) docs.push(clusterPolicy(i, namespaces));
  return docs.map((d) => `---\n${d}`).join('');
}
