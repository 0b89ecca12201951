// Decode-stage rules (D1–D14) and YAML 1.1 scalars: what the API server's JSON decoder rejects,
// and where kubectl's YAML 1.1 reading differs from what YAML 1.2 tools show.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from './read-workspace.ts';
import { policyWithSpec } from '../../fixtures/policy-with-spec.ts';
import type { Diagnostic } from '../model/types.ts';

const PREFIX = 'NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: ';

const policy = policyWithSpec;

function errors(text: string): Diagnostic[] {
  return readWorkspace(text).diagnostics.filter((d) => d.severity === 'error');
}

function expectDecode(
  text: string,
  want: { code: string; message: string; path: string; line: number },
): void {
  const found = errors(text);
  expect(found.map((d) => d.message)).toEqual([PREFIX + want.message]);
  expect(found[0]!.code).toBe(want.code);
  expect(found[0]!.path).toBe(want.path);
  expect(found[0]!.line).toBe(want.line);
  expect(readWorkspace(text).policies[0]!.valid).toBe(false);
}

const ports = (p: string) => policy(`podSelector: {}\ningress:\n- ports:\n  - ${p}`);

describe('type errors (D1–D11): only the first is reported, without list indices', () => {
  it('D1: a port beyond int32', () => {
    expectDecode(ports('port: 99999999999'), {
      code: 'D1',
      message:
        'json: cannot unmarshal number 99999999999 into Go struct field NetworkPolicyPort.spec.ingress.ports.port of type int32',
      path: 'spec.ingress[0].ports[0].port',
      line: 10,
    });
  });

  it('D2: a fractional port; 80.0 is fine', () => {
    expectDecode(ports('port: 80.5'), {
      code: 'D2',
      message:
        'json: cannot unmarshal number 80.5 into Go struct field NetworkPolicyPort.spec.ingress.ports.port of type int32',
      path: 'spec.ingress[0].ports[0].port',
      line: 10,
    });
    const r = readWorkspace(ports('port: 80.0'));
    expect(r.diagnostics).toEqual([]);
    expect(r.policies[0]!.ingress[0]!.ports![0]!.port).toBe(80);
  });

  it('D3: a list or a bool as port', () => {
    expectDecode(ports('port: [80, 443]'), {
      code: 'D3',
      message:
        'json: cannot unmarshal array into Go struct field NetworkPolicyPort.spec.ingress.ports.port of type int32',
      path: 'spec.ingress[0].ports[0].port',
      line: 10,
    });
    expect(errors(ports('port: true'))[0]!.message).toBe(
      `${PREFIX}json: cannot unmarshal bool into Go struct field NetworkPolicyPort.spec.ingress.ports.port of type int32`,
    );
  });

  it('D4: a quoted endPort', () => {
    expectDecode(
      policy('podSelector: {}\negress:\n- ports:\n  - port: 32000\n    endPort: "32768"'),
      {
        code: 'D4',
        message:
          'json: cannot unmarshal string into Go struct field NetworkPolicyPort.spec.egress.ports.endPort of type int32',
        path: 'spec.egress[0].ports[0].endPort',
        line: 11,
      },
    );
  });

  it('D5: yes as a label value is a bool (with a hint to quote it); 1.10 is a number', () => {
    const text = policy('podSelector:\n  matchLabels:\n    canary: yes');
    expectDecode(text, {
      code: 'D5',
      message:
        'json: cannot unmarshal bool into Go struct field LabelSelector.spec.podSelector.matchLabels of type string',
      path: 'spec.podSelector.matchLabels',
      line: 9,
    });
    const hint = readWorkspace(text).diagnostics.find((d) => d.severity === 'info')!;
    expect(hint.code).toBe('yaml-1.1-bool');
    expect(hint.message).toBe(
      'kubectl reads unquoted yes as the boolean true (YAML 1.1); write "yes" in quotes to mean the text',
    );
    expect(hint.line).toBe(9);
    expect(errors(policy('podSelector:\n  matchLabels:\n    version: 1.10'))[0]!.message).toBe(
      `${PREFIX}json: cannot unmarshal number into Go struct field LabelSelector.spec.podSelector.matchLabels of type string`,
    );
    expect(
      readWorkspace(policy('podSelector:\n  matchLabels:\n    canary: "yes"')).diagnostics,
    ).toEqual([]);
  });

  it('D6: values as a string', () => {
    expectDecode(
      policy('podSelector:\n  matchExpressions:\n  - key: app\n    operator: In\n    values: web'),
      {
        code: 'D6',
        message:
          'json: cannot unmarshal string into Go struct field LabelSelectorRequirement.spec.podSelector.matchExpressions.values of type []string',
        path: 'spec.podSelector.matchExpressions[0].values',
        line: 11,
      },
    );
  });

  it('D7: policyTypes as a string', () => {
    expectDecode(policy('podSelector: {}\npolicyTypes: Ingress'), {
      code: 'D7',
      message:
        'json: cannot unmarshal string into Go struct field NetworkPolicySpec.spec.policyTypes of type []v1.PolicyType',
      path: 'spec.policyTypes',
      line: 8,
    });
  });

  it('D8: ingress as a map', () => {
    expectDecode(policy('podSelector: {}\ningress:\n  from: []'), {
      code: 'D8',
      message:
        'json: cannot unmarshal object into Go struct field NetworkPolicySpec.spec.ingress of type []v1.NetworkPolicyIngressRule',
      path: 'spec.ingress',
      line: 9,
    });
  });

  it('D9: from as a map', () => {
    expectDecode(policy('podSelector: {}\ningress:\n- from:\n    podSelector: {}'), {
      code: 'D9',
      message:
        'json: cannot unmarshal object into Go struct field NetworkPolicyIngressRule.spec.ingress.from of type []v1.NetworkPolicyPeer',
      path: 'spec.ingress[0].from',
      line: 10,
    });
  });

  it('D10: spec as a list', () => {
    const text =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: ns}\nspec:\n- a\n';
    expectDecode(text, {
      code: 'D10',
      message:
        'json: cannot unmarshal array into Go struct field NetworkPolicy.spec of type v1.NetworkPolicySpec',
      path: 'spec',
      line: 5,
    });
  });

  it('D11: a number as the name', () => {
    const text =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: 12345\n';
    expectDecode(text, {
      code: 'D11',
      message:
        'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
      path: 'metadata.name',
      line: 4,
    });
  });

  it('reports only the first type error', () => {
    const found = errors(ports('port: [1]\n    endPort: "2"'));
    expect(found).toHaveLength(1);
    expect(found[0]!.code).toBe('D3');
  });
});

describe('strict fields (D12–D14)', () => {
  it('D12: an unknown field is an error with an indexed path', () => {
    const text = policy('podSelector: {}\ningress:\n- form:\n  - podSelector: {}');
    expectDecode(text, {
      code: 'D12',
      message: 'strict decoding error: unknown field "spec.ingress[0].form"',
      path: 'spec.ingress[0].form',
      line: 9,
    });
  });

  it('D12: matching is case-sensitive; status (what 1.24–1.27 clusters print) is no error', () => {
    expect(errors(policy('podselector: {}')).map((d) => d.message)).toEqual([
      `${PREFIX}strict decoding error: unknown field "spec.podselector"`,
    ]);
    const withStatus = `${policy('podSelector: {}')}status: {}\n`;
    expect(errors(withStatus)).toEqual([]);
    const withConditions = `${policy('podSelector: {}')}status:\n  conditions:\n  - type: PolicyApplied\n    status: "True"\n`;
    expect(errors(withConditions)).toEqual([]);
    // A typo next to status is still an unknown field.
    expect(
      errors(`${policy('podSelector: {}')}status: {}\nstatuss: {}\n`).map((d) => d.message),
    ).toEqual([`${PREFIX}strict decoding error: unknown field "statuss"`]);
  });

  it('D13: a duplicate key in JSON-style text', () => {
    expectDecode(policy('podSelector: {"matchLabels": {}, "matchLabels": {}}'), {
      code: 'D13',
      message: 'strict decoding error: duplicate field "spec.podSelector.matchLabels"',
      path: 'spec.podSelector.matchLabels',
      line: 7,
    });
  });

  it('D14: a duplicate YAML key', () => {
    expectDecode(policy('podSelector: {}\ningress: []\ningress:\n- {}'), {
      code: 'D14',
      message:
        'strict decoding error: yaml: unmarshal errors:\n  line 9: key "ingress" already set in map',
      path: 'spec.ingress',
      line: 9,
    });
  });
});

describe('YAML 1.1 scalars', () => {
  it('reads 0755 as octal 493 and warns about the YAML 1.2 reading', () => {
    const r = readWorkspace(ports('port: 0755'));
    expect(r.policies[0]!.ingress[0]!.ports![0]!.port).toBe(493);
    expect(r.policies[0]!.valid).toBe(true);
    const w = r.diagnostics[0]!;
    expect([w.severity, w.code, w.path, w.line]).toEqual([
      'warning',
      'yaml-1.1-number',
      'spec.ingress[0].ports[0].port',
      10,
    ]);
    expect(w.message).toBe(
      'kubectl reads 0755 as the number 493 (YAML 1.1), while YAML 1.2 tools read the number 755; quote or rewrite it to remove the doubt',
    );
  });

  it('reads 8_081 as 8081 with a warning', () => {
    const r = readWorkspace(ports('port: 8_081'));
    expect(r.policies[0]!.ingress[0]!.ports![0]!.port).toBe(8081);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'yaml-1.1-number'],
    ]);
  });

  it('reads hex, signs and exponents as Kubernetes does, without warnings', () => {
    for (const [text, value] of [
      ['0x1F90', 8080],
      ['+443', 443],
      ['9e3', 9000],
      ['0o17', 15],
    ] as const) {
      const r = readWorkspace(ports(`port: ${text}`));
      expect(r.policies[0]!.ingress[0]!.ports![0]!.port).toBe(value);
      expect(r.diagnostics).toEqual([]);
    }
  });

  it('turns yes: as a key into "true", with a warning', () => {
    const r = readWorkspace(policy('podSelector:\n  matchLabels:\n    yes: "a"'));
    expect({ ...r.policies[0]!.podSelector.matchLabels }).toEqual({ true: 'a' });
    const w = r.diagnostics[0]!;
    expect([w.severity, w.code, w.path, w.line, w.message]).toEqual([
      'warning',
      'yaml-1.1-key',
      'spec.podSelector.matchLabels',
      9,
      'kubectl reads the key yes as "true" (YAML 1.1); quote it to keep "yes"',
    ]);
  });

  it('keeps timestamps and quoted scalars as strings', () => {
    const r = readWorkspace(
      policy('podSelector:\n  matchLabels:\n    release: 2024-01-01\n    num: "0755"'),
    );
    expect({ ...r.policies[0]!.podSelector.matchLabels }).toEqual({
      release: '2024-01-01',
      num: '0755',
    });
    expect(r.diagnostics).toEqual([]);
  });

  it('rejects a null key as the YAML→JSON step does', () => {
    const found = errors(policy('podSelector:\n  matchLabels:\n    ~: web'));
    expect(found.map((d) => [d.code, d.line, d.message])).toEqual([
      [
        'K2',
        9,
        'error converting YAML to JSON: yaml: unsupported map key of type: %!s(<nil>), key: <nil>, value: "web"',
      ],
    ]);
  });

  it('rejects .inf and .nan, which JSON cannot carry', () => {
    const found = errors(ports('port: .inf'));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe('error converting YAML to JSON: json: unsupported value: +Inf');
    expect([found[0]!.code, found[0]!.line]).toEqual(['K2', 10]);
  });

  it('rejects unknown explicit tags', () => {
    const found = errors(ports('port: !foo 80'));
    expect(found.map((d) => [d.code, d.line, d.path])).toEqual([
      ['yaml-tag', 10, 'spec.ingress[0].ports[0].port'],
    ]);
    expect(readWorkspace(ports('port: !!str http')).diagnostics).toEqual([]);
  });

  it('applies merge keys as go-yaml v2 does', () => {
    const text = `${policy('podSelector:\n  matchLabels:\n    <<: {app: web}\n    tier: db')}`;
    const r = readWorkspace(text);
    expect(r.diagnostics).toEqual([]);
    expect({ ...r.policies[0]!.podSelector.matchLabels }).toEqual({ tier: 'db', app: 'web' });
  });
});
