// Short texts for the canvas: policy ports ("TCP 8080", "any port"), CIDRs ("internet") and a
// stable hue per policy so one policy's rules read as one.
import type {
  ClusterPort,
  ClusterRuleAction,
  ClusterTier,
  PolicyPort,
  PolicyRule,
  Protocol,
} from '../model/types.ts';

export function policyPortText(p: PolicyPort): string {
  if (p.port === null) return `all ${p.protocol}`;
  if (typeof p.port === 'number' && p.endPort !== null && p.endPort !== p.port)
    return `${p.protocol} ${p.port}-${p.endPort}`;
  return `${p.protocol} ${p.port}`;
}

export function rulePortsText(rule: PolicyRule): string {
  if (rule.ports === null) return 'any port';
  return rule.ports.map(policyPortText).join(', ');
}

function clusterPortText(p: ClusterPort): string {
  if (p.kind === 'named') return `port ${p.name}`;
  return p.start === p.end ? `${p.protocol} ${p.start}` : `${p.protocol} ${p.start}-${p.end}`;
}

/** A cluster rule's `protocols`: null (absent) is every protocol and port. */
export function clusterPortsText(ports: readonly ClusterPort[] | null): string {
  if (ports === null) return 'any port';
  return ports.map(clusterPortText).join(', ');
}

/**
 * A cluster rule's tier and action as the canvas names it: "Admin Deny", "Admin Accept",
 * "Pass" (an Admin Pass hands the flow to NetworkPolicy), "Baseline Deny", "Baseline Accept".
 */
export function clusterActionText(c: {
  readonly tier: ClusterTier;
  readonly action: ClusterRuleAction;
}): string {
  if (c.tier === 'Admin' && c.action === 'Pass') return 'Pass';
  return `${c.tier} ${c.action}`;
}

export function portText(port: number, protocol: Protocol): string {
  return `${protocol} ${port}`;
}

export function cidrLabel(cidr: string | null): string {
  if (cidr === null) return 'anywhere';
  if (cidr === '0.0.0.0/0' || cidr === '::/0') return 'internet';
  return cidr;
}

// Hues away from red and green, which the canvas keeps for denied and allowed flows.
export const POLICY_HUES = [215, 265, 295, 325, 30, 190, 240, 45, 280, 175, 310, 200];

/**
 * FNV-1a of the id spread over the palette, so the colour survives adding other policies; when a
 * neighbour already has that hue (`taken`), the next free one of the palette.
 */
export function policyHue(policyId: string, taken: ReadonlySet<number> = new Set()): number {
  let mask = 0;
  POLICY_HUES.forEach((hue, i) => {
    if (taken.has(hue)) mask |= 1 << i;
  });
  return POLICY_HUES[policyHueIndex(policyId, mask)] ?? 220;
}

/** `policyHue` as an index of `POLICY_HUES`, the taken hues as a bit mask of their indices. */
export function policyHueIndex(policyId: string, takenMask: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < policyId.length; i++) {
    h ^= policyId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const n = POLICY_HUES.length;
  for (let k = 0; k < n; k++) {
    const i = (h + k) % n;
    if ((takenMask & (1 << i)) === 0) return i;
  }
  return h % n;
}
