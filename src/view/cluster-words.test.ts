// A cluster policy read in words: tier and priority, the subject, each rule with its action.
import { describe, expect, it } from 'vitest';
import { withInferred } from '../model/infer-workloads.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { CLUSTER_TIERS_YAML } from '../ui/examples/cluster-tiers.ts';
import { clusterPolicyWords } from './cluster-words.ts';

describe('clusterPolicyWords', () => {
  const ws = withInferred(readWorkspace(CLUSTER_TIERS_YAML));
  const of = (name: string) =>
    clusterPolicyWords(
      ws.clusterPolicies!.find((p) => p.name === name)!,
      ws,
    );

  it('says the tier, what the subject selects and each rule', () => {
    const deny = of('deny-dev-to-prod');
    expect(deny.tier).toMatch(/^Admin tier, priority 10: evaluated before NetworkPolicy/);
    expect(deny.selects).toBe('every pod in namespaces env=prod');
    expect(deny.selected).toEqual(['store/web', 'store/api', 'batch/reports']);
    expect(deny.rules.map((r) => [r.tag, r.path, r.text])).toEqual([
      [
        'Admin Deny',
        'spec.ingress[0]',
        'Ingress rule 1 (no-dev): Deny from every pod in namespaces env=dev, on any port',
      ],
    ]);
  });

  it('names a namespace picked by its name label plainly', () => {
    expect(of('allow-metrics').selects).toBe('pods app=api in namespace store');
    expect(of('allow-metrics').rules[0]?.body.text).toBe(
      'Accept from pods app=prometheus in namespace metrics, on any port',
    );
  });

  it('a Pass and a Baseline rule read as such', () => {
    expect(of('batch-to-app-teams').rules[0]?.tag).toBe('Pass');
    const base = of('baseline-deny');
    expect(base.tier).toMatch(/^Baseline tier, priority 100: evaluated after NetworkPolicy/);
    expect(base.rules[0]?.body.text).toBe('Deny from every pod in every namespace, on any port');
    expect(base.selectedText).toBe('5 workloads');
  });
});
