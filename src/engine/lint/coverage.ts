// Coverage: namespaces without a default deny, and workloads no policy selects. Both are facts
// people act on (information, not warnings): an open pod is sometimes meant to be open.
import type { Namespace, NetworkPolicy, Workload } from '../../model/types.ts';
import { isEmptySelector, EMPTY_SELECTOR } from '../../model/selector.ts';
import { policySelects } from '../../model/policy-selection.ts';
import { dnsRuleFor, dnsTargets } from './dns-egress.ts';
import type { LintContext } from './context.ts';

const policy = (
  namespace: string,
  name: string,
  types: { ingress: boolean; egress: boolean },
): NetworkPolicy => ({
  id: `${namespace}/${name}`,
  name,
  namespace,
  namespaceAssumed: false,
  podSelector: EMPTY_SELECTOR,
  policyTypes: types,
  policyTypesDefaulted: false,
  ingress: [],
  egress: [],
  valid: true,
});

/** The cluster's own namespaces: their pods are the platform's business, not the workspace's. */
const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'];

export function lintCoverage(ctx: LintContext): void {
  const workloads = ctx.workloads.filter((w) => !SYSTEM_NAMESPACES.includes(w.namespace));
  const byNamespace = new Map<string, Workload[]>();
  for (const w of workloads)
    byNamespace.set(w.namespace, [...(byNamespace.get(w.namespace) ?? []), w]);
  for (const [name, pods] of byNamespace) {
    const missing = (['ingress', 'egress'] as const).filter(
      (d) =>
        !ctx.policies.some(
          (p) => p.namespace === name && p.policyTypes[d] && isEmptySelector(p.podSelector),
        ),
    );
    if (missing.length === 0) continue;
    const ns: Namespace = ctx.ws.namespaces.find((n) => n.name === name) ?? {
      name,
      labels: {},
      inferred: true,
    };
    const added: NetworkPolicy[] = missing.map((d) =>
      policy(name, `default-deny-${d}`, { ingress: d === 'ingress', egress: d === 'egress' }),
    );
    if (missing.includes('egress'))
      added.push({
        ...policy(name, 'allow-dns', { ingress: false, egress: true }),
        egress: [dnsRuleFor(dnsTargets(ctx))],
      });
    const dirs = missing.join(' and ');
    ctx.report('namespace-without-default-deny', {
      severity: 'info',
      message: `namespace ${name} has no default deny for ${dirs}: a pod added later that no policy selects is open for ${missing.join(' and ')}`,
      at: { namespace: ns, workload: pods[0] as Workload },
      fix: {
        title: `Add a default deny for ${dirs} to ${name}${missing.includes('egress') ? ', with DNS egress' : ''}`,
        intent: { kind: 'add-policies', policies: added },
      },
    });
  }
  for (const w of workloads) {
    if (ctx.policies.some((p) => policySelects(p, w))) continue;
    const cluster = ctx.clusterPoliciesOf(w);
    ctx.report('workload-not-selected', {
      severity: 'info',
      message:
        cluster.length > 0
          ? `${w.id} is selected by no NetworkPolicy: only cluster policies (${cluster.join(', ')}) decide its traffic`
          : `${w.id} is selected by no NetworkPolicy: every pod may reach it, and it may reach anything`,
      at: { workload: w },
      workloads: [w.id],
    });
  }
}
