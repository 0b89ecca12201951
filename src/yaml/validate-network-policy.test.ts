// One test per API-server rule of shared/validation-rules.md §4 (spec), with the exact cause text,
// field path and line the reader reports.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from './read-workspace.ts';
import { policyWithSpec } from '../../fixtures/policy-with-spec.ts';
import type { Diagnostic } from '../model/types.ts';

const policy = policyWithSpec;

function diagnostics(text: string, code: string): Diagnostic[] {
  return readWorkspace(text).diagnostics.filter((d) => d.code === code);
}

function expectOnly(
  text: string,
  want: { code: string; message: string; path: string; line: number; severity?: string },
): Diagnostic {
  const found = diagnostics(text, want.code);
  expect(found.map((d) => d.message)).toEqual([want.message]);
  const d = found[0]!;
  expect(d.severity).toBe(want.severity ?? 'error');
  expect(d.path).toBe(want.path);
  expect(d.line).toBe(want.line);
  expect(d.object).toBe('NetworkPolicy ns/p');
  if ((want.severity ?? 'error') === 'error') {
    expect(readWorkspace(text).policies[0]?.valid).toBe(false);
  }
  return d;
}

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const MULTI_SLASH =
  "a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
const ML = 'spec.podSelector.matchLabels';

describe('label selectors (S1–S7)', () => {
  it('S1: an invalid matchLabels key is reported at the map path, located at the key', () => {
    const d = expectOnly(policy('podSelector:\n  matchLabels:\n    -app: web'), {
      code: 'S-K7',
      message: `${ML}: Invalid value: "-app": ${NAME_PART}`,
      path: ML,
      line: 9,
    });
    expect(d.column).toBe(7);
  });

  it('S2: an invalid matchLabels value is reported at the map path, located at the value', () => {
    const d = expectOnly(policy('podSelector:\n  matchLabels:\n    app: "api/v2"'), {
      code: 'S-V2',
      message: `${ML}: Invalid value: "api/v2": ${LABEL_VALUE}`,
      path: ML,
      line: 9,
    });
    expect(d.column).toBe(12);
  });

  it('S3: an unknown operator', () => {
    expectOnly(
      policy(
        'podSelector:\n  matchExpressions:\n  - key: app\n    operator: Equals\n    values: [a]',
      ),
      {
        code: 'S3',
        message:
          'spec.podSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
        path: 'spec.podSelector.matchExpressions[0].operator',
        line: 10,
      },
    );
  });

  it('S4: In without values', () => {
    expectOnly(
      policy('podSelector:\n  matchExpressions:\n  - key: app\n    operator: In\n    values: []'),
      {
        code: 'S4',
        message:
          "spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        path: 'spec.podSelector.matchExpressions[0].values',
        line: 11,
      },
    );
  });

  it('S5: Exists with values', () => {
    expectOnly(
      policy(
        'podSelector:\n  matchExpressions:\n  - key: app\n    operator: Exists\n    values: [a]',
      ),
      {
        code: 'S5',
        message:
          "spec.podSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        path: 'spec.podSelector.matchExpressions[0].values',
        line: 11,
      },
    );
  });

  it('S6: a missing key fails both name-part checks', () => {
    const found = diagnostics(
      policy('podSelector:\n  matchExpressions:\n  - operator: Exists'),
      'S6',
    );
    expect(found.map((d) => d.message)).toEqual([
      'spec.podSelector.matchExpressions[0].key: Invalid value: "": name part must be non-empty',
      `spec.podSelector.matchExpressions[0].key: Invalid value: "": ${NAME_PART}`,
    ]);
    expect(found.every((d) => d.path === 'spec.podSelector.matchExpressions[0].key')).toBe(true);
    expect(found[0]!.line).toBe(9);
  });

  it('S7: an invalid value in values', () => {
    expectOnly(
      policy(
        'podSelector:\n  matchExpressions:\n  - key: app\n    operator: In\n    values: [ok, "api/v2"]',
      ),
      {
        code: 'S7',
        message: `spec.podSelector.matchExpressions[0].values[1]: Invalid value: "api/v2": ${LABEL_VALUE}`,
        path: 'spec.podSelector.matchExpressions[0].values[1]',
        line: 11,
      },
    );
  });
});

describe('label keys and values (S-K1–S-K7, S-V1–S-V2)', () => {
  const key = (k: string) => policy(`podSelector:\n  matchLabels:\n    "${k}": x`);
  const value = (v: string) => policy(`podSelector:\n  matchLabels:\n    app: "${v}"`);

  it('S-K1: more than one slash', () => {
    expectOnly(key('a/b/c'), {
      code: 'S-K1',
      message: `${ML}: Invalid value: "a/b/c": ${MULTI_SLASH}`,
      path: ML,
      line: 9,
    });
  });

  it('S-K2: an empty prefix', () => {
    expectOnly(key('/app'), {
      code: 'S-K2',
      message: `${ML}: Invalid value: "/app": prefix part must be non-empty`,
      path: ML,
      line: 9,
    });
  });

  it('S-K3: a prefix longer than 253 bytes', () => {
    const k = `${'a'.repeat(254)}/x`;
    expectOnly(key(k), {
      code: 'S-K3',
      message: `${ML}: Invalid value: "${k}": prefix part must be no more than 253 bytes`,
      path: ML,
      line: 9,
    });
  });

  it('S-K4: a prefix that is not a lowercase subdomain', () => {
    expectOnly(key('Example.com/app'), {
      code: 'S-K4',
      message: `${ML}: Invalid value: "Example.com/app": prefix part ${SUBDOMAIN}`,
      path: ML,
      line: 9,
    });
  });

  it('S-K5: an empty name part (followed by S-K7)', () => {
    const text = key('example.com/');
    expectOnly(text, {
      code: 'S-K5',
      message: `${ML}: Invalid value: "example.com/": name part must be non-empty`,
      path: ML,
      line: 9,
    });
    expect(diagnostics(text, 'S-K7')).toHaveLength(1);
  });

  it('S-K6: a name part longer than 63 bytes', () => {
    const k = 'a'.repeat(64);
    expectOnly(key(k), {
      code: 'S-K6',
      message: `${ML}: Invalid value: "${k}": name part must be no more than 63 bytes`,
      path: ML,
      line: 9,
    });
  });

  it('S-K7: a name part with a bad character; constructor is a valid key, __proto__ is not', () => {
    expectOnly(key('__proto__'), {
      code: 'S-K7',
      message: `${ML}: Invalid value: "__proto__": ${NAME_PART}`,
      path: ML,
      line: 9,
    });
    expect(readWorkspace(key('constructor')).diagnostics).toEqual([]);
  });

  it('S-V1: a value longer than 63 bytes', () => {
    const v = 'a'.repeat(64);
    expectOnly(value(v), {
      code: 'S-V1',
      message: `${ML}: Invalid value: "${v}": must be no more than 63 bytes`,
      path: ML,
      line: 9,
    });
  });

  it('S-V2: a value with a bad character; the empty value is fine', () => {
    expectOnly(value('-x'), {
      code: 'S-V2',
      message: `${ML}: Invalid value: "-x": ${LABEL_VALUE}`,
      path: ML,
      line: 9,
    });
    expect(readWorkspace(value('')).diagnostics).toEqual([]);
  });
});

describe('peers (P1–P2)', () => {
  it('P1: a peer with nothing in it', () => {
    expectOnly(policy('podSelector: {}\ningress:\n- from:\n  - {}'), {
      code: 'P1',
      message: 'spec.ingress[0].from[0]: Required value: must specify a peer',
      path: 'spec.ingress[0].from[0]',
      line: 10,
    });
  });

  it('P2: ipBlock together with a selector', () => {
    expectOnly(
      policy(
        'podSelector: {}\negress:\n- to:\n  - ipBlock: {cidr: 10.0.0.0/8}\n    podSelector: {}',
      ),
      {
        code: 'P2',
        message: 'spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer',
        path: 'spec.egress[0].to[0]',
        line: 10,
      },
    );
  });
});

describe('ipBlock (I1–I6)', () => {
  const block = (b: string) => policy(`podSelector: {}\ningress:\n- from:\n  - ipBlock: ${b}`);
  const B = 'spec.ingress[0].from[0].ipBlock';

  it('I1: cidr missing; except is then not checked', () => {
    expectOnly(block('{except: [nonsense]}'), {
      code: 'I1',
      message: `${B}.cidr: Required value`,
      path: `${B}.cidr`,
      line: 10,
    });
    expect(diagnostics(block('{except: [nonsense]}'), 'I3')).toEqual([]);
  });

  it('I2: a cidr without a prefix length; except is then not checked', () => {
    expectOnly(block('{cidr: 192.168.5.6, except: [x]}'), {
      code: 'I2',
      message: `${B}.cidr: Invalid value: "192.168.5.6": ${CIDR}`,
      path: `${B}.cidr`,
      line: 10,
    });
    expect(diagnostics(block('{cidr: 192.168.5.6, except: [x]}'), 'I3')).toEqual([]);
  });

  it('I3: an unparsable except entry', () => {
    expectOnly(block('{cidr: 10.0.0.0/8, except: [""]}'), {
      code: 'I3',
      message: `${B}.except[0]: Invalid value: "": ${CIDR}`,
      path: `${B}.except[0]`,
      line: 10,
    });
  });

  it('I4: except outside cidr, or not strictly smaller', () => {
    expectOnly(block('{cidr: 192.168.5.0/24, except: [192.168.9.1/32]}'), {
      code: 'I4',
      message: `${B}.except[0]: Invalid value: "192.168.9.1/32": must be a strict subset of \`cidr\``,
      path: `${B}.except[0]`,
      line: 10,
    });
    expect(diagnostics(block('{cidr: 10.0.0.0/8, except: [10.0.0.0/8]}'), 'I4')).toHaveLength(1);
  });

  it('I5: an IPv4-mapped IPv6 cidr is a warning (rejected only under StrictIPCIDRValidation)', () => {
    expectOnly(block('{cidr: "::ffff:10.0.0.0/104"}'), {
      severity: 'warning',
      code: 'I5',
      message: `${B}.cidr: CIDR value "::ffff:10.0.0.0/104" is an IPv4-mapped IPv6 address: accepted by default, rejected when StrictIPCIDRValidation is on (must not have an IPv4-mapped IPv6 address)`,
      path: `${B}.cidr`,
      line: 10,
    });
    expect(readWorkspace(block('{cidr: "::ffff:10.0.0.0/104"}')).policies[0]!.valid).toBe(true);
  });

  it('I6: host bits and leading zeros are warnings with the KEP-4858 wording', () => {
    expectOnly(block('{cidr: 10.0.0.1/8}'), {
      severity: 'warning',
      code: 'I6',
      message: `${B}.cidr: CIDR value "10.0.0.1/8" is ambiguous in this context (should be "10.0.0.0/8" or "10.0.0.1/32"?)`,
      path: `${B}.cidr`,
      line: 10,
    });
    expectOnly(block('{cidr: 010.0.0.0/8}'), {
      severity: 'warning',
      code: 'I6',
      message: `${B}.cidr: non-standard CIDR value "010.0.0.0/8" is invalid: use "10.0.0.0/8"`,
      path: `${B}.cidr`,
      line: 10,
    });
    const p = readWorkspace(block('{cidr: 010.0.0.0/8}')).policies[0]!;
    expect(p.valid).toBe(true);
  });
});

describe('ports (T1–T8)', () => {
  const port = (p: string) => policy(`podSelector: {}\ningress:\n- ports:\n  - ${p}`);
  const T = 'spec.ingress[0].ports[0]';

  it('T1: a port number out of range, 0 included', () => {
    expectOnly(port('{port: 70000}'), {
      code: 'T1',
      message: `${T}.port: Invalid value: 70000: must be between 1 and 65535, inclusive`,
      path: `${T}.port`,
      line: 10,
    });
    expect(diagnostics(port('{port: 0}'), 'T1')[0]?.message).toBe(
      `${T}.port: Invalid value: 0: must be between 1 and 65535, inclusive`,
    );
  });

  it('T2: endPort below port (the server prints the port as the bad value)', () => {
    expectOnly(port('{port: 32768, endPort: 32000}'), {
      code: 'T2',
      message: `${T}.endPort: Invalid value: 32768: must be greater than or equal to \`port\``,
      path: `${T}.endPort`,
      line: 10,
    });
  });

  it('T3: endPort out of range', () => {
    expectOnly(port('{port: 80, endPort: 65537}'), {
      code: 'T3',
      message: `${T}.endPort: Invalid value: 65537: must be between 1 and 65535, inclusive`,
      path: `${T}.endPort`,
      line: 10,
    });
  });

  it('T4: endPort with a named port', () => {
    expectOnly(port('{port: http, endPort: 90}'), {
      code: 'T4',
      message: `${T}.endPort: Invalid value: 90: may not be specified when \`port\` is non-numeric`,
      path: `${T}.endPort`,
      line: 10,
    });
  });

  it('T5: endPort without port', () => {
    expectOnly(port('{endPort: 90}'), {
      code: 'T5',
      message: `${T}.endPort: Invalid value: 90: may not be specified when \`port\` is not specified`,
      path: `${T}.endPort`,
      line: 10,
    });
  });

  it('T6: a bad port name reports every failing check', () => {
    const found = diagnostics(port('{port: HTTP}'), 'T6');
    expect(found.map((d) => d.message)).toEqual([
      `${T}.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
      `${T}.port: Invalid value: "HTTP": must contain at least one letter (a-z)`,
    ]);
    expect(found[0]!.line).toBe(10);
    expect(found[0]!.path).toBe(`${T}.port`);
  });

  it('T7: quoted digits are a port name', () => {
    expectOnly(port('{port: "8080"}'), {
      code: 'T7',
      message: `${T}.port: Invalid value: "8080": must contain at least one letter (a-z)`,
      path: `${T}.port`,
      line: 10,
    });
  });

  it('T8: an unsupported protocol, and the empty string is not defaulted', () => {
    expectOnly(port('{port: 80, protocol: ICMP}'), {
      code: 'T8',
      message: `${T}.protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"`,
      path: `${T}.protocol`,
      line: 10,
    });
    expect(diagnostics(port('{port: 80, protocol: ""}'), 'T8')[0]?.message).toBe(
      `${T}.protocol: Unsupported value: "": supported values: "TCP", "UDP", "SCTP"`,
    );
  });
});

describe('policyTypes (Y1–Y2)', () => {
  it('Y1: more than two entries; validation stops there', () => {
    const text = policy('podSelector: {}\npolicyTypes: [Ingress, Egress, bogus]');
    expectOnly(text, {
      code: 'Y1',
      message:
        'spec.policyTypes: Invalid value: ["Ingress","Egress","bogus"]: may not specify more than two policyTypes',
      path: 'spec.policyTypes',
      line: 8,
    });
    expect(diagnostics(text, 'Y2')).toEqual([]);
  });

  it('Y2: a type that is not exactly Ingress or Egress; duplicates pass', () => {
    expectOnly(policy('podSelector: {}\npolicyTypes:\n- ingress'), {
      code: 'Y2',
      message:
        'spec.policyTypes[0]: Unsupported value: "ingress": supported values: "Ingress", "Egress"',
      path: 'spec.policyTypes[0]',
      line: 9,
    });
    expect(
      readWorkspace(policy('podSelector: {}\npolicyTypes: [Ingress, Ingress]')).diagnostics,
    ).toEqual([]);
  });
});
