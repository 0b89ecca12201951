// Policies in plain words, read through the real YAML reader (defaults applied as users get them):
// every selector and peer form, ports, isolation, and the AND peer never reading like OR peers.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { AND_OR_PEERS_YAML } from '../ui/examples/and-or-peers.ts';
import { policyWords, selectorWords } from './rule-words.ts';
import type { PolicyWords, RuleWords } from './rule-words.ts';
import { EMPTY_SELECTOR, labelsFrom } from '../model/selector.ts';
import type { NetworkPolicy } from '../model/types.ts';

const policyYaml = (spec: string, name = 'p', ns = 'shop') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec}`;

function read(yaml: string) {
  const ws = readWorkspace(yaml);
  const errors = ws.diagnostics.filter((d) => d.severity === 'error');
  expect(errors).toEqual([]);
  return ws;
}

/** The words of the only (or the named) policy of a YAML text. */
function wordsOf(yaml: string, name?: string): PolicyWords {
  const ws = read(yaml);
  const policy = name ? ws.policies.find((p) => p.name === name) : ws.policies[0];
  return policyWords(policy!, ws);
}

const rules = (w: PolicyWords): RuleWords[] => w.directions.flatMap((d) => d.rules);
const ruleText = (spec: string, i = 0) => rules(wordsOf(policyYaml(spec)))[i]!.text;
const strongs = (r: RuleWords) => r.tokens.filter((t) => t.strong).map((t) => t.text);

describe('what a policy selects', () => {
  it('names the pods by label, and an empty podSelector as every pod', () => {
    expect(
      wordsOf(policyYaml('  podSelector:\n    matchLabels:\n      app: api\n')).selects.text,
    ).toBe('pods app=api in namespace shop');
    expect(wordsOf(policyYaml('  podSelector: {}\n')).selects.text).toBe(
      'every pod in namespace shop',
    );
  });

  it('reads every matchExpressions operator', () => {
    const w = wordsOf(
      policyYaml(
        [
          '  podSelector:',
          '    matchLabels:',
          '      app: api',
          '    matchExpressions:',
          '      - {key: tier, operator: In, values: [web, api]}',
          '      - {key: env, operator: NotIn, values: [dev]}',
          '      - {key: team, operator: Exists}',
          '      - {key: legacy, operator: DoesNotExist}',
          '',
        ].join('\n'),
      ),
    );
    expect(w.selects.text).toBe(
      'pods app=api, tier in (web, api), env not in (dev), has label team, no label legacy in namespace shop',
    );
  });

  it('counts the workloads of the workspace it selects, in its own namespace only', () => {
    const pod = (name: string, ns: string, app: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app: ${app}\nspec:\n  containers:\n    - name: c\n      image: x\n---\n`;
    const yaml =
      pod('a1', 'shop', 'api') +
      pod('a2', 'shop', 'api') +
      pod('w', 'shop', 'web') +
      pod('elsewhere', 'other', 'api') +
      policyYaml('  podSelector:\n    matchLabels:\n      app: api\n');
    const w = wordsOf(yaml);
    expect(w.selected).toEqual(['shop/a1', 'shop/a2']);
    expect(w.selectedText).toBe('2 workloads');
    const none = wordsOf(policyYaml('  podSelector:\n    matchLabels:\n      app: ghost\n'));
    expect(none.selectedText).toBe('no workload in this workspace');
  });

  it('leaves the counts out without a workspace', () => {
    const ws = read(policyYaml('  podSelector: {}\n'));
    const w = policyWords(ws.policies[0]!);
    expect(w.selected).toBeUndefined();
    expect(rules(w).every((r) => r.admits === undefined)).toBe(true);
  });
});

describe('isolation', () => {
  it('defaults policyTypes as the API server does', () => {
    expect(wordsOf(policyYaml('  podSelector: {}\n')).isolation.text).toBe(
      'isolates them for ingress',
    );
    const both = wordsOf(policyYaml('  podSelector: {}\n  egress:\n    - {}\n'));
    expect(both.isolation.text).toBe('isolates them for ingress and egress');
    expect(both.isolatesFor).toBe('ingress and egress');
  });

  it('says a listed direction without rules denies everything', () => {
    const w = wordsOf(policyYaml('  podSelector: {}\n  policyTypes: [Ingress, Egress]\n'));
    expect(w.directions.map((d) => d.summary?.text)).toEqual([
      'denies all ingress',
      'denies all egress',
    ]);
  });

  it('says rules of a direction policyTypes leaves out have no effect', () => {
    const w = wordsOf(
      policyYaml(
        '  podSelector: {}\n  policyTypes: [Egress]\n  ingress:\n    - {}\n  egress:\n    - {}\n',
      ),
    );
    const ingress = w.directions.find((d) => d.direction === 'ingress')!;
    expect(ingress.isolated).toBe(false);
    expect(ingress.summary?.text).toBe(
      'Ingress rules have no effect: policyTypes leaves out Ingress',
    );
    expect(w.isolation.text).toBe('isolates them for egress');
  });
});

describe('each rule', () => {
  it('reads one peer with both selectors as AND, with a strong "and"', () => {
    const r = rules(
      wordsOf(
        policyYaml(
          [
            '  podSelector: {}',
            '  ingress:',
            '    - from:',
            '        - podSelector:',
            '            matchLabels: {app: frontend}',
            '          namespaceSelector:',
            '            matchLabels: {env: prod}',
            '      ports:',
            '        - port: 80',
            '',
          ].join('\n'),
        ),
      ),
    )[0]!;
    expect(r.text).toBe(
      'Ingress rule 1: from pods app=frontend and namespaces env=prod, on TCP 80',
    );
    expect(strongs(r)).toEqual(['and']);
    expect(r.label).toBe('Ingress rule 1');
    expect(r.path).toBe('spec.ingress[0]');
    expect(r.body.text).toBe('from pods app=frontend and namespaces env=prod, on TCP 80');
  });

  it('reads several peers as OR, with a strong "or" between each', () => {
    const spec = [
      '  podSelector: {}',
      '  ingress:',
      '    - from:',
      '        - podSelector: {matchLabels: {app: a}}',
      '        - podSelector: {matchLabels: {app: b}}',
      '        - ipBlock: {cidr: 10.0.0.0/8, except: [10.0.5.0/24]}',
      '',
    ].join('\n');
    const r = rules(wordsOf(policyYaml(spec)))[0]!;
    expect(r.text).toBe(
      "Ingress rule 1: from pods app=a in this policy's namespace (shop) or pods app=b in this policy's namespace (shop) or 10.0.0.0/8 except 10.0.5.0/24, on every port",
    );
    expect(strongs(r)).toEqual(['or', 'or']);
  });

  it('reads the one-dash and two-dash forms of the same selectors differently', () => {
    const words = wordsOf(AND_OR_PEERS_YAML);
    const ws = read(AND_OR_PEERS_YAML);
    const and = rules(
      policyWords(
        ws.policies.find((p) => p.name === 'ledger-and')!,
        ws,
      ),
    )[0]!;
    const or = rules(
      policyWords(
        ws.policies.find((p) => p.name === 'ledger-or')!,
        ws,
      ),
    )[0]!;
    expect(words.selects.text).toBe('pods app=ledger in namespace payments');
    expect(and.text).toBe(
      'Ingress rule 1: from pods role=auditor and namespaces team=finance, on TCP 8443',
    );
    expect(or.text).toBe(
      "Ingress rule 1: from every pod in namespaces team=finance or pods role=auditor in this policy's namespace (payments), on TCP 8443",
    );
    expect(strongs(and)).toEqual(['and']);
    expect(strongs(or)).toEqual(['or']);
    // What each admits among the example's pods: only the auditor, versus the whole namespace.
    expect(and.admits?.workloads).toEqual(['reporting/auditor']);
    expect(or.admits?.workloads).toEqual(['reporting/auditor', 'reporting/dashboard']);
    expect(or.admits?.text).toBe(
      'admits traffic from 2 of 3 workloads (reporting/auditor, reporting/dashboard)',
    );
  });

  it('reads each selector-only and empty-selector peer', () => {
    const peer = (p: string) =>
      ruleText(`  podSelector: {}\n  ingress:\n    - from:\n        - ${p}\n`).replace(
        /^Ingress rule 1: from (.*), on every port$/,
        '$1',
      );
    expect(peer('podSelector: {matchLabels: {app: web}}')).toBe(
      "pods app=web in this policy's namespace (shop)",
    );
    expect(peer('podSelector: {}')).toBe("every pod in this policy's namespace (shop)");
    expect(peer('namespaceSelector: {matchLabels: {env: prod}}')).toBe(
      'every pod in namespaces env=prod',
    );
    expect(peer('namespaceSelector: {}')).toBe('every pod in every namespace');
    expect(peer('{namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}')).toBe(
      'pods app=web in every namespace',
    );
    expect(peer('{namespaceSelector: {matchLabels: {env: prod}}, podSelector: {}}')).toBe(
      'every pod in namespaces env=prod',
    );
    expect(peer('ipBlock: {cidr: 0.0.0.0/0}')).toBe('0.0.0.0/0');
    expect(peer('ipBlock: {cidr: 10.0.0.0/8, except: [10.0.5.0/24, 10.0.6.0/24]}')).toBe(
      '10.0.0.0/8 except 10.0.5.0/24, 10.0.6.0/24',
    );
  });

  it('reads a rule without from or to as anywhere, in both directions', () => {
    const w = wordsOf(
      policyYaml(
        '  podSelector: {}\n  ingress:\n    - {}\n  egress:\n    - ports: [{port: 53, protocol: UDP}]\n',
      ),
    );
    expect(rules(w).map((r) => r.text)).toEqual([
      'Ingress rule 1: from anywhere, on every port',
      'Egress rule 1: to anywhere, on UDP 53',
    ]);
    expect(rules(w)[0]!.admits?.anyone).toBe(true);
    expect(rules(w)[0]!.admits?.text).toBe('admits traffic from every workload and every address');
  });

  it('reads ports: several, ranges, named, and a protocol without a number', () => {
    const ports = (list: string) =>
      ruleText(`  podSelector: {}\n  ingress:\n    - ports: ${list}\n`).replace(
        /^Ingress rule 1: from anywhere, /,
        '',
      );
    expect(ports('[{port: 80}, {port: 53, protocol: UDP}]')).toBe('on TCP 80, UDP 53');
    expect(ports('[{port: 8000, endPort: 9000}]')).toBe('on TCP 8000–9000');
    expect(ports('[{port: http}]')).toBe('on TCP port named http');
    expect(ports('[{protocol: SCTP}]')).toBe('on every SCTP port');
  });

  it('numbers rules per direction and links each to its field path', () => {
    const w = wordsOf(
      policyYaml(
        '  podSelector: {}\n  ingress:\n    - {}\n    - ports: [{port: 1}]\n  egress:\n    - {}\n',
      ),
    );
    expect(rules(w).map((r) => [r.label, r.path])).toEqual([
      ['Ingress rule 1', 'spec.ingress[0]'],
      ['Ingress rule 2', 'spec.ingress[1]'],
      ['Egress rule 1', 'spec.egress[0]'],
    ]);
  });

  it('counts what ipBlocks admit as addresses, and workloads by their pod IPs', () => {
    const yaml =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  namespace: shop\nspec:\n  containers: [{name: c, image: x}]\nstatus:\n  podIP: 10.1.2.3\n---\n' +
      policyYaml(
        '  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/8}\n',
      );
    const r = rules(wordsOf(yaml))[0]!;
    expect(r.admits?.workloads).toEqual(['shop/a']);
    expect(r.admits?.addresses).toBe(true);
    expect(r.admits?.text).toBe(
      'admits traffic to 1 of 1 workload (shop/a), and the addresses of its ipBlocks',
    );
  });
});

describe('user strings', () => {
  // Names that the API server would reject still reach the model (the policy is marked invalid):
  // their words must show hidden characters instead of letting them reorder the sentence.
  const rlo = '\u202e';
  const odd: NetworkPolicy = {
    id: `sh${rlo}op/p`,
    name: 'p',
    namespace: `sh${rlo}op`,
    namespaceAssumed: false,
    podSelector: {
      matchLabels: labelsFrom([['app', '<b>x</b>']]),
      matchExpressions: [{ key: `t${rlo}`, operator: 'In', values: ['<img src=x>', 'a\u200bb'] }],
    },
    policyTypes: { ingress: true, egress: false },
    policyTypesDefaulted: false,
    ingress: [
      {
        peers: [
          { kind: 'selector', podSelector: null, namespaceSelector: { ...EMPTY_SELECTOR } },
          {
            kind: 'selector',
            podSelector: { matchLabels: labelsFrom([['k', `v${rlo}`]]), matchExpressions: [] },
            namespaceSelector: null,
          },
        ],
        ports: [{ protocol: 'TCP', port: `h${rlo}ttp`, endPort: null }],
      },
    ],
    egress: [],
    valid: false,
  };

  it('go through the display-text helper: hidden characters shown, markup kept as text', () => {
    const w = policyWords(odd);
    expect(w.selects.text).toBe(
      'pods app=<b>x</b>, t<U+202E> in (<img src=x>, a<U+200B>b) in namespace sh<U+202E>op',
    );
    const r = rules(w)[0]!;
    expect(r.text).toBe(
      "Ingress rule 1: from every pod in every namespace or pods k=v<U+202E> in this policy's namespace (sh<U+202E>op), on TCP port named h<U+202E>ttp",
    );
    const all = [w.selects.text, r.text, ...r.tokens.map((t) => t.text)].join('');
    expect(all).not.toContain(rlo);
    expect(all).not.toContain('\u200b');
  });

  it('bounds a very long label value', () => {
    const long = 'v'.repeat(500);
    const w = policyWords({
      ...odd,
      podSelector: { matchLabels: labelsFrom([['app', long]]), matchExpressions: [] },
    });
    expect(w.selects.text.length).toBeLessThan(120);
    expect(w.selects.text).toContain('…');
  });
});

describe('selectorWords', () => {
  it('is empty for an empty selector', () => {
    expect(selectorWords(EMPTY_SELECTOR)).toBe('');
  });
});
