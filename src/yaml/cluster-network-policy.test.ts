import { describe, expect, it } from 'vitest';
import { loadCnpValidationCases } from '../../fixtures/conformance-cnp/load-cases.ts';
import { readWorkspace } from './read-workspace.ts';

const errors = (text: string) =>
  readWorkspace(text).diagnostics.filter((d) => d.severity === 'error');

const CNP = (spec: string, name = 'p') =>
  `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
const SUBJECT = '  subject:\n    namespaces: {}\n';

describe('the CRD validation cases (fixtures/conformance-cnp/validation.json)', () => {
  it.each(loadCnpValidationCases().map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const r = readWorkspace(c.yaml);
    const found = r.diagnostics.filter((d) => d.severity === 'error');
    expect(r.clusterPolicies).toHaveLength(1);
    expect(r.clusterPolicies?.[0]?.valid).toBe(!c.expectError);
    if (!c.expectError) return expect(found).toEqual([]);
    const m = c.match!;
    const hit = found.find((d) => d.path.startsWith(m) || d.message.includes(m));
    expect(hit, JSON.stringify(found)).toBeDefined();
    expect(hit!.line).toBeGreaterThan(1);
  });
});

describe('ClusterNetworkPolicy validation', () => {
  it('reports enums, ranges, required fields and item limits in the API server wording', () => {
    const found = errors(
      CNP(
        `  tier: Middle\n  priority: -1\n  subject:\n    namespaces: {}\n    pods: {podSelector: {}}\n  ingress:\n  - action: Allow\n    from: []\n`,
      ),
    );
    expect(found.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        'spec.tier: Unsupported value: "Middle": supported values: "Admin", "Baseline"',
        'spec.priority: Invalid value: -1: spec.priority in body should be greater than or equal to 0',
        'spec.subject: Invalid value: 2: spec.subject in body should have at most 1 properties',
        'spec.ingress[0].action: Unsupported value: "Allow": supported values: "Accept", "Deny", "Pass"',
        'spec.ingress[0].from: Invalid value: 0: spec.ingress[0].from in body should have at least 1 items',
      ]),
    );
    expect(errors(CNP(`  tier: Admin\n${SUBJECT}`)).map((d) => d.message)).toEqual([
      'spec.priority: Required value',
    ]);
  });

  it('applies the CEL rules: CIDR format, port range order, named ports with networks', () => {
    const found = errors(
      CNP(
        `  tier: Admin\n  priority: 1\n${SUBJECT}  egress:\n  - action: Deny\n    to:\n    - networks: [10.0.0.0/33]\n  - action: Deny\n    to:\n    - networks: [10.0.0.0/8]\n    protocols:\n    - destinationNamedPort: http\n`,
      ),
    );
    expect(found.map((d) => [d.path, d.message])).toEqual([
      [
        'spec.egress[0].to[0].networks[0]',
        'spec.egress[0].to[0].networks[0]: Invalid value: "string": Invalid CIDR format provided',
      ],
      [
        'spec.egress[1]',
        'spec.egress[1]: Invalid value: "object": networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames',
      ],
    ]);
    expect(found[0]!.line).toBe(13);
  });

  it('limits rules to 25 per direction and names to 100 bytes', () => {
    const rule = `  - action: Deny\n    name: ${'n'.repeat(101)}\n    from: [{namespaces: {}}]\n`;
    const found = errors(
      CNP(`  tier: Admin\n  priority: 1\n${SUBJECT}  ingress:\n${rule.repeat(26)}`),
    );
    expect(found[0]!.message).toBe('spec.ingress: Too many: 26: must have at most 25 items');
    expect(found[1]!.message).toBe(
      'spec.ingress[0].name: Too long: may not be more than 100 bytes',
    );
  });

  it('identifies the kind by group and version, never by kind alone', () => {
    const cilium = readWorkspace(
      `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: cnp, namespace: a}\nspec: {}\n`,
    );
    expect(cilium.clusterPolicies).toEqual([]);
    expect(cilium.diagnostics.map((d) => d.code)).toEqual(['K7']);
    const antrea = readWorkspace(
      `apiVersion: crd.antrea.io/v1beta1\nkind: ClusterNetworkPolicy\nmetadata: {name: x}\nspec: {}\n`,
    );
    expect(antrea.clusterPolicies).toEqual([]);
    expect(antrea.diagnostics[0]!.message).toContain('Antrea policies are not');
    const unknownVersion = readWorkspace(
      CNP(`  tier: Admin\n  priority: 1\n${SUBJECT}`).replace('v1alpha2', 'v1alpha1'),
    );
    expect(unknownVersion.clusterPolicies).toEqual([]);
    expect(unknownVersion.diagnostics[0]).toMatchObject({ code: 'K6', path: 'apiVersion' });
    expect(unknownVersion.diagnostics.some((d) => /AdminNetworkPolicy/.test(d.message))).toBe(
      false,
    );
  });

  it('warns at the priority of policies that tie in a tier, naming the order used', () => {
    const text = [
      CNP(`  tier: Admin\n  priority: 5\n${SUBJECT}`, 'zeta'),
      CNP(`  tier: Admin\n  priority: 5\n${SUBJECT}`, 'alpha'),
      CNP(`  tier: Baseline\n  priority: 5\n${SUBJECT}`, 'base'),
    ].join('---\n');
    const ties = readWorkspace(text).diagnostics.filter((d) => d.code === 'CNP9');
    expect(ties).toHaveLength(1);
    expect(ties[0]).toMatchObject({ severity: 'warning', path: 'spec.priority', line: 7 });
    expect(ties[0]!.message).toContain('alpha before zeta');
  });
});

describe('v1alpha1 AdminNetworkPolicy and BaselineAdminNetworkPolicy', () => {
  it('reads them with their v1alpha1 meaning: tiers, Allow as Accept, ports with TCP default', () => {
    const r = readWorkspace(`apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: {name: anp}
spec:
  priority: 7
  subject: {pods: {namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}}
  ingress:
  - action: Allow
    from: [{namespaces: {matchLabels: {team: a}}}]
    ports: [{portNumber: {port: 80}}, {portRange: {protocol: UDP, start: 5000, end: 6000}}, {namedPort: web}]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: default}
spec:
  subject: {namespaces: {}}
  egress:
  - action: Deny
    to: [{networks: [0.0.0.0/0]}]
`);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [anp, banp] = r.clusterPolicies!;
    expect(anp).toMatchObject({
      id: 'AdminNetworkPolicy/anp',
      tier: 'Admin',
      priority: 7,
      ingress: [
        {
          action: 'Accept',
          ports: [
            { kind: 'port', protocol: 'TCP', start: 80, end: 80 },
            { kind: 'port', protocol: 'UDP', start: 5000, end: 6000 },
            { kind: 'named', name: 'web' },
          ],
        },
      ],
    });
    expect(banp).toMatchObject({ tier: 'Baseline', egress: [{ action: 'Deny' }] });
  });

  it('refuses Pass in a BaselineAdminNetworkPolicy and any name but default', () => {
    const found = errors(`apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: {name: other}
spec:
  subject: {namespaces: {}}
  ingress:
  - action: Pass
    from: [{namespaces: {}}]
`);
    expect(found.map((d) => d.path).sort()).toEqual(['metadata.name', 'spec.ingress[0].action']);
  });
});
