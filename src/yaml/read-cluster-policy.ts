// A decoded ClusterNetworkPolicy (v1alpha2) or AdminNetworkPolicy / BaselineAdminNetworkPolicy
// (v1alpha1) as the model's cluster policy: v1alpha1 read with its own meaning (Allow is Accept,
// `ports` are protocols with TCP as the default, ANP is the Admin tier, BANP the Baseline tier).
import type {
  ClusterNetworkPolicy,
  ClusterPeer,
  ClusterPolicyKind,
  ClusterPolicyRule,
  ClusterPort,
  ClusterRuleAction,
  ClusterSubject,
  Protocol,
  SourceRef,
} from '../model/types.ts';
import { EMPTY_SELECTOR } from '../model/selector.ts';
import { toSelector } from './selector-from.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export const CLUSTER_POLICY_GROUP = 'policy.networking.k8s.io';

/** The kinds of the group, by `version/kind`: those are read; any other version is not. */
export const CLUSTER_POLICY_KINDS: Readonly<Record<string, ClusterPolicyKind>> = {
  'v1alpha2/ClusterNetworkPolicy': 'ClusterNetworkPolicy',
  'v1alpha1/AdminNetworkPolicy': 'AdminNetworkPolicy',
  'v1alpha1/BaselineAdminNetworkPolicy': 'BaselineAdminNetworkPolicy',
};

/** How the model names a cluster policy: its name, or `Kind/name` for the v1alpha1 kinds. */
export function clusterPolicyId(kind: ClusterPolicyKind, name: string): string {
  return kind === 'ClusterNetworkPolicy' ? name : `${kind}/${name}`;
}

function subjectOf(s: Obj | undefined): ClusterSubject {
  const pods = obj(s?.['pods']);
  if (pods)
    return {
      namespaceSelector: toSelector(obj(pods['namespaceSelector'])) ?? EMPTY_SELECTOR,
      podSelector: toSelector(obj(pods['podSelector'])) ?? EMPTY_SELECTOR,
    };
  return {
    namespaceSelector: toSelector(obj(s?.['namespaces'])) ?? EMPTY_SELECTOR,
    podSelector: null,
  };
}

function peerOf(p: Obj | undefined, v1: boolean): ClusterPeer {
  const namespaces = obj(p?.['namespaces']);
  if (namespaces) {
    if (v1 && (namespaces['sameLabels'] !== undefined || namespaces['notSameLabels'] !== undefined))
      return { kind: 'unknown' };
    const wrapped = v1 ? obj(namespaces['namespaceSelector']) : undefined;
    return {
      kind: 'namespaces',
      namespaceSelector: toSelector(wrapped ?? namespaces) ?? EMPTY_SELECTOR,
    };
  }
  const pods = obj(p?.['pods']);
  if (pods)
    return {
      kind: 'pods',
      namespaceSelector: toSelector(obj(pods['namespaceSelector'])) ?? EMPTY_SELECTOR,
      podSelector: toSelector(obj(pods['podSelector'])) ?? EMPTY_SELECTOR,
    };
  const networks = p?.['networks'];
  if (Array.isArray(networks)) return { kind: 'networks', cidrs: networks.map(String) };
  const nodes = obj(p?.['nodes']);
  if (nodes) return { kind: 'nodes', nodeSelector: toSelector(nodes) ?? EMPTY_SELECTOR };
  const domains = p?.['domainNames'];
  if (Array.isArray(domains)) return { kind: 'domainNames', domainNames: domains.map(String) };
  return { kind: 'unknown' };
}

const PROTOCOL_KEYS: readonly (readonly [string, Protocol])[] = [
  ['tcp', 'TCP'],
  ['udp', 'UDP'],
  ['sctp', 'SCTP'],
];

/** v1alpha2 `protocols[]`: exactly one of tcp / udp / sctp / destinationNamedPort. */
function protocolOf(p: Obj | undefined): ClusterPort[] {
  const named = str(p?.['destinationNamedPort']);
  if (named !== undefined) return [{ kind: 'named', name: named }];
  for (const [key, protocol] of PROTOCOL_KEYS) {
    const entry = obj(p?.[key]);
    if (!entry) continue;
    const dest = obj(entry['destinationPort']);
    const n = num(dest?.['number']);
    const range = obj(dest?.['range']);
    if (n !== undefined) return [{ kind: 'port', protocol, start: n, end: n }];
    if (range)
      return [
        {
          kind: 'port',
          protocol,
          start: num(range['start']) ?? 1,
          end: num(range['end']) ?? 65535,
        },
      ];
    // `tcp: {}` is refused by the CRD; were it enforced, it would mean every port.
    return [{ kind: 'port', protocol, start: 1, end: 65535 }];
  }
  return [];
}

/** v1alpha1 `ports[]`: portNumber, portRange (protocol TCP when absent) or namedPort. */
function v1PortOf(p: Obj | undefined): ClusterPort[] {
  const named = str(p?.['namedPort']);
  if (named !== undefined) return [{ kind: 'named', name: named }];
  const single = obj(p?.['portNumber']);
  if (single) {
    const n = num(single['port']) ?? 0;
    return [{ kind: 'port', protocol: protocolName(single['protocol']), start: n, end: n }];
  }
  const range = obj(p?.['portRange']);
  if (range)
    return [
      {
        kind: 'port',
        protocol: protocolName(range['protocol']),
        start: num(range['start']) ?? 1,
        end: num(range['end']) ?? 65535,
      },
    ];
  return [];
}

const protocolName = (v: unknown): Protocol => (v === 'UDP' || v === 'SCTP' ? v : 'TCP');

function ruleOf(r: Obj | undefined, peersKey: 'from' | 'to', v1: boolean): ClusterPolicyRule {
  const action = str(r?.['action']);
  const ports = v1 ? r?.['ports'] : r?.['protocols'];
  return {
    name: str(r?.['name']) ?? '',
    action: (action === 'Allow' ? 'Accept' : (action ?? 'Deny')) as ClusterRuleAction,
    peers: arr(r?.[peersKey]).map((p) => peerOf(obj(p), v1)),
    ports: Array.isArray(ports)
      ? ports.flatMap((p) => (v1 ? v1PortOf(obj(p)) : protocolOf(obj(p))))
      : null,
  };
}

export function toClusterPolicy(
  value: Obj,
  kind: ClusterPolicyKind,
  apiVersion: string,
  valid: boolean,
  source: SourceRef,
): ClusterNetworkPolicy {
  const name = str(obj(value['metadata'])?.['name']) ?? '';
  const spec = obj(value['spec']) ?? {};
  const v1 = kind !== 'ClusterNetworkPolicy';
  const tier = v1
    ? kind === 'AdminNetworkPolicy'
      ? 'Admin'
      : 'Baseline'
    : spec['tier'] === 'Baseline'
      ? 'Baseline'
      : 'Admin';
  return {
    id: clusterPolicyId(kind, name),
    kind,
    apiVersion,
    name,
    tier,
    priority: num(spec['priority']) ?? 0,
    subject: subjectOf(obj(spec['subject'])),
    ingress: arr(spec['ingress']).map((r) => ruleOf(obj(r), 'from', v1)),
    egress: arr(spec['egress']).map((r) => ruleOf(obj(r), 'to', v1)),
    valid,
    source,
  };
}
