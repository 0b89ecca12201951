// Reachability between pods and the world outside the cluster. The ipBlocks of the policies cut
// the IPv4 (and, when one is IPv6, the IPv6) space into disjoint ranges inside which every
// address is treated alike; each range is reported with what it may send to each pod and what
// each pod may send to it, as connectivity lists do (`0.0.0.0-9.255.255.255`).
import type { PolicyPort, Protocol, Workload, Workspace } from '../model/types.ts';
import { formatIp, parseCidr } from '../model/cidr.ts';
import type { IpAddress } from '../model/cidr.ts';
import { buildEngineIndex, evaluateFlow, peerMatches, selectingPolicies } from './evaluate.ts';
import type { EngineIndex, Endpoint, Verdict } from './evaluate.ts';

export interface IpRange {
  readonly family: 4 | 6;
  readonly start: bigint;
  readonly end: bigint;
  /** `10.0.0.0-10.255.255.255`. */
  readonly text: string;
  /** The first address: every address of the range gets the same verdicts. */
  readonly address: string;
}

const bits = (family: 4 | 6) => (family === 4 ? 32 : 128);

/** The CIDRs the valid policies name: ipBlocks with their excepts, cluster policies' networks. */
function cidrsOf(ws: Pick<Workspace, 'policies' | 'clusterPolicies'>): string[] {
  const out: string[] = [];
  for (const p of ws.policies) {
    if (!p.valid) continue;
    for (const rule of [...p.ingress, ...p.egress])
      for (const peer of rule.peers ?? [])
        if (peer.kind === 'ipBlock') out.push(peer.cidr, ...peer.except);
  }
  for (const c of ws.clusterPolicies ?? []) {
    if (!c.valid) continue;
    for (const rule of [...c.ingress, ...c.egress])
      for (const peer of rule.peers) if (peer.kind === 'networks') out.push(...peer.cidrs);
  }
  return out;
}

/** The disjoint ranges the CIDRs of the valid policies draw. */
export function ipRangesOf(ws: Pick<Workspace, 'policies' | 'clusterPolicies'>): IpRange[] {
  const cuts: Record<4 | 6, Set<bigint>> = { 4: new Set([0n]), 6: new Set([0n]) };
  let ipv6 = false;
  for (const text of cidrsOf(ws)) {
    const c = parseCidr(text);
    if (!c) continue;
    if (c.family === 6) ipv6 = true;
    const size = 1n << BigInt(bits(c.family) - c.prefix);
    cuts[c.family].add(c.network);
    cuts[c.family].add(c.network + size);
  }
  const out: IpRange[] = [];
  for (const family of ipv6 ? ([4, 6] as const) : ([4] as const)) {
    const top = 1n << BigInt(bits(family));
    const sorted = [...cuts[family]].filter((x) => x < top).sort((a, b) => (a < b ? -1 : 1));
    sorted.forEach((start, i) => {
      const end = (sorted[i + 1] ?? top) - 1n;
      const address = formatIp(family, start);
      out.push({ family, start, end, address, text: `${address}-${formatIp(family, end)}` });
    });
  }
  return out;
}

export interface ExternalFlow {
  /** A range's text or a pod's `namespace/name`. */
  readonly from: string;
  readonly to: string;
  /** The pod's side that decides: `egress` for pod → range, `ingress` for range → pod. */
  readonly direction: 'egress' | 'ingress';
  /** Some connection is allowed. */
  readonly allowed: boolean;
  /** `All Connections`, `No Connections`, or the ports: `TCP 80,443-445; UDP 53`. */
  readonly connections: string;
  /** The allowed ports; null: every port. */
  readonly ports: readonly PolicyPort[] | null;
  /** The policies that isolate the pod on that side (empty: it is open). */
  readonly policies: readonly string[];
}

function portsText(ports: readonly PolicyPort[] | null): string {
  if (ports === null) return 'All Connections';
  if (ports.length === 0) return 'No Connections';
  const byProtocol = new Map<Protocol, string[]>();
  for (const p of ports) {
    const text =
      p.port === null
        ? 'all ports'
        : typeof p.port === 'string'
          ? p.port
          : p.endPort !== null && p.endPort !== p.port
            ? `${p.port}-${p.endPort}`
            : String(p.port);
    const list = byProtocol.get(p.protocol) ?? [];
    if (!list.includes(text)) list.push(text);
    byProtocol.set(p.protocol, list);
  }
  return [...byProtocol].map(([protocol, list]) => `${protocol} ${list.join(',')}`).join('; ');
}

/** What the pod's side allows with the range: the union of the matching rules' ports. */
function sideWithRange(
  index: EngineIndex,
  w: Workload,
  direction: 'egress' | 'ingress',
  range: Endpoint,
): { ports: PolicyPort[] | null; policies: string[] } {
  const policies = selectingPolicies(index, w, direction);
  if (policies.length === 0) return { ports: null, policies: [] };
  const ports: PolicyPort[] = [];
  for (const p of policies)
    for (const rule of p[direction]) {
      if (rule.peers !== null && !rule.peers.some((peer) => peerMatches(index, p, peer, range)))
        continue;
      if (rule.ports === null) return { ports: null, policies: policies.map((x) => x.id) };
      // A named port is the destination's container port: resolved on the pod for ingress; a
      // range has none, so it admits nothing for egress.
      for (const port of rule.ports) {
        if (typeof port.port !== 'string') ports.push(port);
        else if (direction === 'ingress') {
          const c = w.ports.find((x) => x.name === port.port && x.protocol === port.protocol);
          if (c) ports.push({ protocol: c.protocol, port: c.port, endPort: null });
        }
      }
    }
  return { ports, policies: policies.map((x) => x.id) };
}

type RangeWorkspace = Pick<Workspace, 'namespaces' | 'workloads' | 'policies'> &
  Partial<Pick<Workspace, 'diagnostics' | 'clusterPolicies'>>;

/**
 * Each pod with each range, both ways: the connections its NetworkPolicies allow. (Cluster
 * policy tiers are taken into account when a port is probed: see externalVerdicts.)
 */
export function externalFlows(ws: RangeWorkspace): ExternalFlow[] {
  const index = buildEngineIndex(ws);
  const ranges = ipRangesOf(ws);
  const pods = ws.workloads.filter((w) => !w.inferred);
  const out: ExternalFlow[] = [];
  for (const range of ranges) {
    const end: Endpoint = { kind: 'external', ip: range.address };
    for (const w of pods) {
      for (const direction of ['ingress', 'egress'] as const) {
        const { ports, policies } = sideWithRange(index, w, direction, end);
        out.push({
          from: direction === 'ingress' ? range.text : w.id,
          to: direction === 'ingress' ? w.id : range.text,
          direction,
          allowed: ports === null || ports.length > 0,
          connections: portsText(ports),
          ports,
          policies,
        });
      }
    }
  }
  return out;
}

export interface ExternalVerdict {
  readonly from: string;
  readonly to: string;
  readonly port: number | null;
  readonly portName?: string;
  readonly protocol: Protocol;
  readonly allowed: boolean;
  readonly explanation: Verdict;
}

/** Each pod with each range at one port, both ways, with the engine's full verdict. */
export function* externalVerdicts(
  ws: RangeWorkspace,
  port: number | string,
  protocol: Protocol,
): Generator<ExternalVerdict> {
  const index = buildEngineIndex(ws);
  const pods = ws.workloads.filter((w) => !w.inferred);
  for (const range of ipRangesOf(ws)) {
    const ext: Endpoint = { kind: 'external', ip: range.address };
    for (const w of pods) {
      const pod: Endpoint = { kind: 'workload', workload: w };
      for (const [from, to] of [
        [ext, pod],
        [pod, ext],
      ] as const) {
        const v = evaluateFlow(index, { from, to, port, protocol });
        yield {
          from: from === ext ? range.text : w.id,
          to: to === ext ? range.text : w.id,
          port: v.port,
          ...(typeof port === 'string' ? { portName: port } : {}),
          protocol,
          allowed: v.allowed,
          explanation: v,
        };
      }
    }
  }
}

/** Whether an address lies in a range (for tests and callers holding an address). */
export function rangeHolds(range: IpRange, ip: IpAddress): boolean {
  return ip.family === range.family && ip.value >= range.start && ip.value <= range.end;
}
