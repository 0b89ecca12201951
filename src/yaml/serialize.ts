// Writes NetworkPolicies (and ClusterNetworkPolicies, v1alpha2) as YAML in Kubernetes key order, stable and quoted so that kubectl
// (YAML 1.1) reads back exactly the model: js-yaml 5's default dump quotes `yes`, `0755`, `~`.
import { dump } from 'js-yaml';
import type {
  ClusterNetworkPolicy,
  ClusterPeer,
  ClusterPolicyRule,
  ClusterPort,
  LabelSelector,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
} from '../model/types.ts';

type Ordered = Record<string, unknown>;

/** Builds a null-prototype object from ordered pairs, so user keys like `__proto__` stay data. */
function ordered(pairs: readonly (readonly [string, unknown])[]): Ordered {
  const out = Object.create(null) as Ordered;
  for (const [k, v] of pairs) if (v !== undefined) out[k] = v;
  return out;
}

function selectorYaml(s: LabelSelector): Ordered {
  const labels = Object.keys(s.matchLabels);
  return ordered([
    [
      'matchLabels',
      labels.length > 0 ? ordered(labels.map((k) => [k, s.matchLabels[k]])) : undefined,
    ],
    [
      'matchExpressions',
      s.matchExpressions.length > 0
        ? s.matchExpressions.map((e) =>
            ordered([
              ['key', e.key],
              ['operator', e.operator],
              [
                'values',
                e.operator === 'In' || e.operator === 'NotIn' || e.values.length > 0
                  ? [...e.values]
                  : undefined,
              ],
            ]),
          )
        : undefined,
    ],
  ]);
}

function peerYaml(p: PolicyPeer): Ordered {
  if (p.kind === 'ipBlock') {
    return ordered([
      [
        'ipBlock',
        ordered([
          ['cidr', p.cidr],
          ['except', p.except.length > 0 ? [...p.except] : undefined],
        ]),
      ],
    ]);
  }
  return ordered([
    ['podSelector', p.podSelector ? selectorYaml(p.podSelector) : undefined],
    ['namespaceSelector', p.namespaceSelector ? selectorYaml(p.namespaceSelector) : undefined],
  ]);
}

function portYaml(p: PolicyPort): Ordered {
  return ordered([
    ['protocol', p.protocol],
    ['port', p.port ?? undefined],
    ['endPort', p.endPort ?? undefined],
  ]);
}

function ruleYaml(r: PolicyRule, peerKey: 'from' | 'to'): Ordered {
  return ordered([
    [peerKey, r.peers && r.peers.length > 0 ? r.peers.map(peerYaml) : undefined],
    ['ports', r.ports && r.ports.length > 0 ? r.ports.map(portYaml) : undefined],
  ]);
}

/** The manifest object of a policy, keys in Kubernetes order. */
export function policyManifest(p: NetworkPolicy): Ordered {
  const types: string[] = [];
  if (p.policyTypes.ingress) types.push('Ingress');
  if (p.policyTypes.egress) types.push('Egress');
  return ordered([
    ['apiVersion', 'networking.k8s.io/v1'],
    ['kind', 'NetworkPolicy'],
    [
      'metadata',
      ordered([
        ['name', p.name],
        ['namespace', p.namespace],
      ]),
    ],
    [
      'spec',
      ordered([
        ['podSelector', selectorYaml(p.podSelector)],
        // Written explicitly: defaulting (an egress-only policy also isolates ingress) surprises people.
        ['policyTypes', types],
        [
          'ingress',
          p.policyTypes.ingress || p.ingress.length > 0
            ? p.ingress.map((r) => ruleYaml(r, 'from'))
            : undefined,
        ],
        [
          'egress',
          p.policyTypes.egress || p.egress.length > 0
            ? p.egress.map((r) => ruleYaml(r, 'to'))
            : undefined,
        ],
      ]),
    ],
  ]);
}

const DUMP_OPTIONS = { lineWidth: -1, noRefs: true } as const;

/** One YAML document (no `---`), ending with a newline. */
export function serializePolicy(p: NetworkPolicy): string {
  return dump(policyManifest(p), DUMP_OPTIONS);
}

/**
 * A canonical multi-document stream, sorted by namespace then name: it starts with the first
 * document, and `---` separates the ones after it.
 */
export function serializePolicies(policies: readonly NetworkPolicy[]): string {
  const sorted = [...policies].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  return sorted.map(serializePolicy).join('---\n');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function clusterPeerYaml(p: ClusterPeer): Ordered {
  switch (p.kind) {
    case 'namespaces':
      return ordered([['namespaces', selectorYaml(p.namespaceSelector)]]);
    case 'pods':
      return ordered([
        [
          'pods',
          ordered([
            ['namespaceSelector', selectorYaml(p.namespaceSelector)],
            ['podSelector', selectorYaml(p.podSelector)],
          ]),
        ],
      ]);
    case 'networks':
      return ordered([['networks', [...p.cidrs]]]);
    case 'nodes':
      return ordered([['nodes', selectorYaml(p.nodeSelector)]]);
    case 'domainNames':
      return ordered([['domainNames', [...p.domainNames]]]);
    case 'unknown':
      return ordered([]);
  }
}

function clusterPortYaml(p: ClusterPort): Ordered {
  if (p.kind === 'named') return ordered([['destinationNamedPort', p.name]]);
  const destinationPort =
    p.start === p.end
      ? ordered([['number', p.start]])
      : ordered([
          [
            'range',
            ordered([
              ['start', p.start],
              ['end', p.end],
            ]),
          ],
        ]);
  return ordered([[p.protocol.toLowerCase(), ordered([['destinationPort', destinationPort]])]]);
}

function clusterRuleYaml(r: ClusterPolicyRule, peerKey: 'from' | 'to'): Ordered {
  return ordered([
    ['name', r.name === '' ? undefined : r.name],
    ['action', r.action],
    [peerKey, r.peers.map(clusterPeerYaml)],
    ['protocols', r.ports === null ? undefined : r.ports.map(clusterPortYaml)],
  ]);
}

/** A cluster policy as a v1alpha2 ClusterNetworkPolicy manifest; `metadata` adds labels and annotations. */
export function clusterPolicyManifest(
  p: ClusterNetworkPolicy,
  metadata: { readonly labels?: Ordered; readonly annotations?: Ordered } = {},
): Ordered {
  const subject =
    p.subject.podSelector === null
      ? ordered([['namespaces', selectorYaml(p.subject.namespaceSelector)]])
      : ordered([
          [
            'pods',
            ordered([
              ['namespaceSelector', selectorYaml(p.subject.namespaceSelector)],
              ['podSelector', selectorYaml(p.subject.podSelector)],
            ]),
          ],
        ]);
  return ordered([
    ['apiVersion', 'policy.networking.k8s.io/v1alpha2'],
    ['kind', 'ClusterNetworkPolicy'],
    [
      'metadata',
      ordered([
        ['name', p.name],
        ['labels', metadata.labels],
        ['annotations', metadata.annotations],
      ]),
    ],
    [
      'spec',
      ordered([
        ['tier', p.tier],
        ['priority', p.priority],
        ['subject', subject],
        [
          'ingress',
          p.ingress.length > 0 ? p.ingress.map((r) => clusterRuleYaml(r, 'from')) : undefined,
        ],
        ['egress', p.egress.length > 0 ? p.egress.map((r) => clusterRuleYaml(r, 'to')) : undefined],
      ]),
    ],
  ]);
}

/** One v1alpha2 ClusterNetworkPolicy document (no `---`), ending with a newline. */
export function serializeClusterPolicy(
  p: ClusterNetworkPolicy,
  metadata: { readonly labels?: Ordered; readonly annotations?: Ordered } = {},
): string {
  return dump(clusterPolicyManifest(p, metadata), DUMP_OPTIONS);
}
