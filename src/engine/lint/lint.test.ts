import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locate, readWorkspace } from '../../yaml/read-workspace.ts';
import { lint } from './lint.ts';
import type { LintFinding, LintRuleId } from './types.ts';
// A workspace with cluster policy tiers, as the app ships it.
import { CLUSTER_TIERS_YAML } from '../../ui/examples/cluster-tiers.ts';

function run(text: string): LintFinding[] {
  const ws = readWorkspace(text);
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return lint(ws, { locate: (ref, path) => locate(ws, ref, path) });
}
const of = (findings: LintFinding[], rule: LintRuleId) => findings.filter((f) => f.rule === rule);
const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../../fixtures/lint', name), 'utf8');

const ns = (name: string, labels = '{}') =>
  `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: ${labels}}\n---\n`;
const pod = (id: string, labels: string, ports = '[]', ip?: string) => {
  const [namespace, name] = id.split('/');
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${namespace}, labels: ${labels}}\nspec: {containers: [{name: c, ports: ${ports}}]}\n${ip ? `status: {podIP: ${ip}}\n` : ''}---\n`;
};
const policy = (id: string, spec: string) => {
  const [namespace, name] = id.split('/');
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: ${spec}\n---\n`;
};

const SHOP =
  ns('shop') +
  pod('shop/web', '{app: web}', '[{name: http, containerPort: 8080}]', '10.1.0.10') +
  pod('shop/api', '{app: api}', '[{name: http, containerPort: 9000}]', '10.1.0.11') +
  pod('shop/db', '{app: db}', '[{name: pg, containerPort: 5432}]', '10.1.0.12');
const COREDNS = (ports: string) =>
  ns('kube-system') +
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: coredns, namespace: kube-system}\nspec: {selector: {matchLabels: {k8s-app: kube-dns}}, template: {metadata: {labels: {k8s-app: kube-dns}}, spec: {containers: [{name: c, ports: ${ports}}]}}}\n---\n`;
const DENY_EGRESS = policy('shop/deny-egress', '{podSelector: {}, policyTypes: [Egress]}');
const dnsTo = (ports: string) =>
  policy(
    'shop/dns',
    `{podSelector: {}, policyTypes: [Egress], egress: [{to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}], ports: ${ports}}]}`,
  );

describe('dns-egress-missing and dns-egress-udp-only', () => {
  it('reports egress isolation without DNS, on the isolating policy, with a fix', () => {
    const f = of(run(SHOP + DENY_EGRESS), 'dns-egress-missing');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ policy: 'shop/deny-egress', severity: 'warning', line: 26 });
    expect(f[0]?.workloads).toEqual(['shop/web', 'shop/api', 'shop/db']);
    expect(f[0]?.fix?.intent.kind).toBe('add-policies');
  });

  it('is quiet when DNS is allowed over UDP and TCP, or egress is not isolated', () => {
    expect(
      of(
        run(SHOP + DENY_EGRESS + dnsTo('[{port: 53, protocol: UDP}, {port: 53}]')),
        'dns-egress-missing',
      ),
    ).toEqual([]);
    expect(
      of(
        run(SHOP + DENY_EGRESS + dnsTo('[{port: 53, protocol: UDP}, {port: 53}]')),
        'dns-egress-udp-only',
      ),
    ).toEqual([]);
    expect(of(run(SHOP), 'dns-egress-missing')).toEqual([]);
  });

  it('reports UDP-only DNS', () => {
    const f = run(SHOP + DENY_EGRESS + dnsTo('[{port: 53, protocol: UDP}]'));
    expect(of(f, 'dns-egress-missing')).toEqual([]);
    expect(of(f, 'dns-egress-udp-only')).toHaveLength(1);
  });

  it('judges by the DNS pods declared ports: 5353 is needed when they serve 5353', () => {
    const dns5353 = COREDNS(
      '[{name: dns, containerPort: 5353, protocol: UDP}, {name: dns-tcp, containerPort: 5353}]',
    );
    const on53 = run(
      dns5353 + SHOP + DENY_EGRESS + dnsTo('[{port: 53, protocol: UDP}, {port: 53}]'),
    );
    expect(of(on53, 'dns-egress-missing')).toHaveLength(1);
    expect(of(on53, 'dns-egress-missing')[0]?.message).toMatch(/UDP 5353, TCP 5353/);
    const on5353 = run(
      dns5353 + SHOP + DENY_EGRESS + dnsTo('[{port: 5353, protocol: UDP}, {port: 5353}]'),
    );
    expect(of(on5353, 'dns-egress-missing')).toEqual([]);
  });

  it('does not ask for TCP when the DNS pods serve UDP only', () => {
    const udpOnlyServer = COREDNS('[{name: dns, containerPort: 53, protocol: UDP}]');
    const f = run(udpOnlyServer + SHOP + DENY_EGRESS + dnsTo('[{port: 53, protocol: UDP}]'));
    expect(of(f, 'dns-egress-udp-only')).toEqual([]);
    expect(of(f, 'dns-egress-missing')).toEqual([]);
  });

  it('judges policy-only YAML by the pods the policy selects', () => {
    const f = run(
      policy(
        'shop/web-out',
        '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{ports: [{port: 443}]}]}',
      ),
    );
    expect(of(f, 'dns-egress-missing')).toHaveLength(1);
  });
});

describe('half-open-flow', () => {
  const API_IN = policy(
    'shop/api-in',
    '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 9000}]}]}',
  );
  it('reports an ingress rule whose source cannot send, naming both policies', () => {
    const f = of(
      run(
        SHOP +
          API_IN +
          policy(
            'shop/web-out',
            '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]}',
          ),
      ),
      'half-open-flow',
    );
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toMatch(/shop\/web → shop\/api on TCP 9000: shop\/api-in admits it/);
    expect(f[0]?.message).toMatch(/isolated for egress by shop\/web-out/);
    expect(f[0]?.related?.[0]?.message).toMatch(/shop\/web-out isolates shop\/web/);
    expect(f[0]?.path).toBe('spec.ingress[0].from[0]');
    expect(f[0]?.fix?.intent).toMatchObject({
      kind: 'allow-side',
      direction: 'egress',
      subject: 'shop/web',
      peer: 'shop/api',
    });
  });

  it('reports an egress rule whose destination does not admit it', () => {
    const f = of(
      run(
        SHOP +
          policy(
            'shop/web-out',
            '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{podSelector: {matchLabels: {app: db}}}], ports: [{port: 5432}]}]}',
          ) +
          policy('shop/db-in', '{podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress]}'),
      ),
      'half-open-flow',
    );
    expect(f).toHaveLength(1);
    expect(f[0]?.fix?.intent).toMatchObject({
      direction: 'ingress',
      subject: 'shop/db',
      peer: 'shop/web',
    });
  });

  it('groups the flows one rule admits into one finding, without a one-click fix', () => {
    const text =
      SHOP +
      policy(
        'shop/api-in',
        '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {}}], ports: [{port: 9000}]}]}',
      ) +
      DENY_EGRESS;
    const f = of(run(text), 'half-open-flow');
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toMatch(
      /^2 half-open flows \(shop\/web → shop\/api on TCP 9000; shop\/db → shop\/api/,
    );
    expect(f[0]?.fix).toBeUndefined();
  });

  it('is quiet when both sides allow, or the other side is open', () => {
    expect(of(run(SHOP + API_IN), 'half-open-flow')).toEqual([]);
    const both = policy(
      'shop/web-out',
      '{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress], egress: [{to: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 9000}]}]}',
    );
    expect(of(run(SHOP + API_IN + both), 'half-open-flow')).toEqual([]);
  });
});

describe('selectors that match nothing', () => {
  it('namespaceSelector on a label no namespace has, suggesting the name label', () => {
    const text =
      ns('ops') +
      SHOP +
      policy(
        'shop/api-in',
        '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{namespaceSelector: {matchLabels: {name: ops}}}]}]}',
      );
    const f = of(run(text), 'namespace-selector-matches-nothing');
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toMatch(/kubernetes\.io\/metadata\.name: ops/);
    expect(f[0]?.fix?.intent.kind).toBe('replace-peers');
  });
  it('is quiet for kube-system by name, which every cluster has', () => {
    const text =
      SHOP +
      policy(
        'shop/dns',
        '{podSelector: {}, policyTypes: [Egress], egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]}]}',
      );
    expect(of(run(text), 'namespace-selector-matches-nothing')).toEqual([]);
    const typo = text.replace('name: kube-system', 'name: kube-sytem');
    expect(of(run(typo), 'namespace-selector-matches-nothing')).toHaveLength(1);
  });
  it('is quiet when a namespace carries the label, or the workspace declares no cluster', () => {
    const labelled =
      ns('ops', '{name: ops}') +
      SHOP +
      policy(
        'shop/api-in',
        '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{namespaceSelector: {matchLabels: {name: ops}}}]}]}',
      );
    expect(of(run(labelled), 'namespace-selector-matches-nothing')).toEqual([]);
    const policyOnly = policy(
      'shop/api-in',
      '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{namespaceSelector: {matchLabels: {name: ops}}}]}]}',
    );
    expect(of(run(policyOnly), 'namespace-selector-matches-nothing')).toEqual([]);
  });
  it('podSelector matching no pod, with a near miss', () => {
    const f = of(
      run(
        SHOP +
          policy(
            'shop/api-in',
            '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {matchLabels: {app: wbe}}}]}]}',
          ),
      ),
      'pod-selector-matches-nothing',
    );
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toMatch(/did you mean app=web/);
  });
  it('is quiet for a podSelector that matches, or one in a namespace the workspace does not show', () => {
    expect(
      of(
        run(
          SHOP +
            policy(
              'shop/api-in',
              '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]}',
            ),
        ),
        'pod-selector-matches-nothing',
      ),
    ).toEqual([]);
    expect(
      of(
        run(
          SHOP +
            policy(
              'shop/api-in',
              '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: elsewhere}}, podSelector: {matchLabels: {app: x}}}]}]}',
            ),
        ),
        'pod-selector-matches-nothing',
      ),
    ).toEqual([]);
  });
  it('a policy that selects no pod of its namespace, and one in the wrong namespace', () => {
    const here = of(
      run(
        SHOP +
          policy('shop/p', '{podSelector: {matchLabels: {app: apii}}, policyTypes: [Ingress]}'),
      ),
      'policy-selects-nothing',
    );
    expect(here).toHaveLength(1);
    expect(here[0]?.message).toMatch(/did you mean app=api/);
    const wrong = of(
      run(
        SHOP +
          policy('default/p', '{podSelector: {matchLabels: {app: api}}, policyTypes: [Ingress]}'),
      ),
      'policy-selects-nothing',
    );
    expect(wrong[0]?.message).toMatch(/only in its own namespace/);
    expect(
      of(
        run(
          SHOP +
            policy('shop/p', '{podSelector: {matchLabels: {app: api}}, policyTypes: [Ingress]}'),
        ),
        'policy-selects-nothing',
      ),
    ).toEqual([]);
  });
});

describe('peers-or-maybe-and', () => {
  it('reports a namespaceSelector-only and a podSelector-only peer in one rule, with both readings', () => {
    const f = of(
      run(
        SHOP +
          policy(
            'shop/api-in',
            '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{namespaceSelector: {matchLabels: {env: prod}}}, {podSelector: {matchLabels: {app: web}}}]}]}',
          ),
      ),
      'peers-or-maybe-and',
    );
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('info');
    expect(f[0]?.message).toMatch(/OR/);
    expect(f[0]?.message).toMatch(/AND/);
  });
  it('is quiet for one peer with both selectors', () => {
    expect(
      of(
        run(
          SHOP +
            policy(
              'shop/api-in',
              '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{namespaceSelector: {matchLabels: {env: prod}}, podSelector: {matchLabels: {app: web}}}]}]}',
            ),
        ),
        'peers-or-maybe-and',
      ),
    ).toEqual([]);
  });
});

describe('rule shapes', () => {
  it('allow-all: empty from, {} peers and 0.0.0.0/0; not a narrow peer', () => {
    const f = of(
      run(
        SHOP +
          policy(
            'shop/p',
            '{podSelector: {matchLabels: {app: api}}, ingress: [{}, {from: [{namespaceSelector: {}}]}], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: 443}]}, {to: [{podSelector: {}}]}], policyTypes: [Ingress, Egress]}',
          ),
      ),
      'allow-all',
    );
    expect(f.map((x) => [x.path, x.severity])).toEqual([
      ['spec.ingress[0]', 'warning'],
      ['spec.ingress[1].from[0]', 'warning'],
      ['spec.egress[0].to[0]', 'info'],
    ]);
  });
  it('named-port-undeclared, with the protocol it is declared for', () => {
    const f = of(
      run(
        SHOP +
          policy(
            'shop/p',
            '{podSelector: {matchLabels: {app: api}}, ingress: [{ports: [{port: grpc}, {port: http}, {port: http, protocol: UDP}]}]}',
          ),
      ),
      'named-port-undeclared',
    );
    expect(f.map((x) => x.path)).toEqual(['spec.ingress[0].ports[0]', 'spec.ingress[0].ports[2]']);
    expect(f[1]?.message).toMatch(/set protocol: TCP/);
  });
  it('ipBlock over pod IPs, and a /32 on a pod IP; quiet when excepted', () => {
    const f = run(
      SHOP +
        policy(
          'shop/p',
          '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{ipBlock: {cidr: 10.1.0.0/16}}, {ipBlock: {cidr: 10.1.0.10/32}}, {ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]}',
        ),
    );
    expect(of(f, 'ip-block-covers-pods').map((x) => x.path)).toEqual(['spec.ingress[0].from[0]']);
    expect(of(f, 'ip-block-pod-ip').map((x) => x.workloads)).toEqual([['shop/web']]);
  });
  it('egress-denies-all: Egress listed with no egress rules; not a default deny', () => {
    const f = of(
      run(
        SHOP +
          policy(
            'shop/p',
            '{podSelector: {matchLabels: {app: api}}, policyTypes: [Ingress, Egress], ingress: [{}]}',
          ) +
          DENY_EGRESS,
      ),
      'egress-denies-all',
    );
    expect(f.map((x) => x.policy)).toEqual(['shop/p']);
    expect(f[0]?.message).toMatch(/denies all egress of shop\/api/);
  });
});

describe('redundant rules and policies', () => {
  it('a rule covered by a broader rule for the same pods', () => {
    const f = run(
      SHOP +
        policy(
          'shop/p',
          '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {}}]}, {from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 9000}]}]}',
        ),
    );
    expect(of(f, 'redundant-rule').map((x) => x.path)).toEqual(['spec.ingress[1]']);
  });
  it('a duplicate policy: the later one is reported', () => {
    const spec =
      '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]}';
    const f = run(SHOP + policy('shop/a', spec) + policy('shop/b', spec));
    expect(of(f, 'redundant-policy').map((x) => x.policy)).toEqual(['shop/b']);
    expect(of(f, 'redundant-rule')).toEqual([]);
  });
  it('is quiet for rules that admit different peers or ports', () => {
    const f = run(
      SHOP +
        policy(
          'shop/p',
          '{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 9000}]}, {from: [{podSelector: {matchLabels: {app: db}}}], ports: [{port: 9000}]}, {from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 9001}]}]}',
        ),
    );
    expect(of(f, 'redundant-rule')).toEqual([]);
    expect(of(f, 'redundant-policy')).toEqual([]);
  });
});

describe('coverage', () => {
  it('namespaces without a default deny and workloads no policy selects', () => {
    const f = run(
      SHOP +
        policy('shop/api-in', '{podSelector: {matchLabels: {app: api}}, policyTypes: [Ingress]}'),
    );
    expect(of(f, 'namespace-without-default-deny').map((x) => x.message)).toEqual([
      expect.stringMatching(/namespace shop has no default deny for ingress and egress/),
    ]);
    expect(of(f, 'workload-not-selected').map((x) => x.workloads?.[0])).toEqual([
      'shop/web',
      'shop/db',
    ]);
  });
  it('a workload only cluster policies govern is named with them, not called open', () => {
    const f = of(run(CLUSTER_TIERS_YAML), 'workload-not-selected');
    expect(f.length).toBeGreaterThan(0);
    for (const x of f) expect(x.message).toMatch(/only cluster policies \(.*baseline-deny/);
  });

  it('is quiet when both defaults exist', () => {
    const f = run(SHOP + policy('shop/deny', '{podSelector: {}, policyTypes: [Ingress, Egress]}'));
    expect(of(f, 'namespace-without-default-deny')).toEqual([]);
    expect(of(f, 'workload-not-selected')).toEqual([]);
  });
});

describe('the classic mistakes of the tutorials each produce their finding', () => {
  it.each([
    ['missing-dns-egress.yaml', 'dns-egress-missing', 50],
    ['udp-only-dns.yaml', 'dns-egress-udp-only', 53],
    ['unlabelled-namespace.yaml', 'namespace-selector-matches-nothing', 48],
    ['one-dash-two.yaml', 'peers-or-maybe-and', 44],
    ['label-typo.yaml', 'pod-selector-matches-nothing', 43],
    ['wrong-namespace.yaml', 'policy-selects-nothing', 47],
  ] as const)('%s: %s at line %i', (file, rule, line) => {
    const f = of(run(fixture(file)), rule);
    expect(f).toHaveLength(1);
    expect(f[0]?.line).toBe(line);
    expect(f[0]?.code).toBe(rule);
  });
});

describe('lint options', () => {
  it('disables rules and overrides severities', () => {
    const ws = readWorkspace(SHOP + DENY_EGRESS);
    expect(of(lint(ws, { disable: ['dns-egress-missing'] }), 'dns-egress-missing')).toEqual([]);
    expect(
      of(lint(ws, { severity: { 'dns-egress-missing': 'error' } }), 'dns-egress-missing')[0]
        ?.severity,
    ).toBe('error');
  });
  it('without locate, points at the start of the object', () => {
    const ws = readWorkspace(SHOP + DENY_EGRESS);
    const f = of(lint(ws), 'dns-egress-missing')[0];
    expect(f?.line).toBe(ws.policies[0]?.source?.range.line);
  });
  it('after lines typed above, finds each object where it now is, with or without locate', () => {
    const text = SHOP + DENY_EGRESS;
    const edited = `# one\n# two\n${text}`.replace('---\n', '---\n# three\n');
    const first = readWorkspace(text);
    // The first document is edited: the rest are taken over, their objects as read.
    const again = readWorkspace(edited, {}, first);
    expect(again.policies[0]).toBe(first.policies[0]);
    const fresh = readWorkspace(edited);
    expect(lint(again)).toEqual(lint(fresh));
    const located = (ws: typeof fresh) =>
      lint(ws, { locate: (ref, path) => locate(ws, ref, path) });
    expect(located(again)).toEqual(located(fresh));
  });
});
