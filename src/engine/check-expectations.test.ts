import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { labelsFrom } from '../model/selector.ts';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { checkExpectations, endText } from './check-expectations.ts';
import type { Expectation } from './check-expectations.ts';

const ws = readWorkspace(
  readFileSync(join(import.meta.dirname, '../../fixtures/cli/three-tier.yaml'), 'utf8'),
);
const byName = (name: string) => ({ kind: 'workloads', name }) as const;
const flow = (from: string, to: string, port: number | string, allowed: boolean): Expectation => ({
  from: byName(from),
  to: byName(to),
  port,
  protocol: 'TCP',
  allowed,
});

describe('checkExpectations', () => {
  it('passes flows that behave as expected', () => {
    const r = checkExpectations(ws, [
      flow('shop/web', 'shop/api', 9000, true),
      flow('web', 'db', 5432, false),
      flow('api', 'db', 'postgres', true),
    ]);
    expect(r.map((x) => [x.passed, x.checked])).toEqual([
      [true, 1],
      [true, 1],
      [true, 1],
    ]);
  });

  it('fails with the engine explanation of each pair', () => {
    const [r] = checkExpectations(ws, [flow('shop/web', 'shop/db', 5432, true)]);
    expect(r?.passed).toBe(false);
    expect(r?.failures).toMatchObject([{ from: 'shop/web', to: 'shop/db', allowed: false }]);
    expect(r?.failures[0]?.reason).toMatch(/isolated for ingress/);
  });

  it('labels pick out every matching workload, each pair must hold', () => {
    const [r] = checkExpectations(ws, [
      {
        from: { kind: 'workloads', namespace: 'shop', labels: labelsFrom([]) },
        to: { kind: 'workloads', namespace: 'shop', labels: labelsFrom([['app', 'db']]) },
        port: 5432,
        protocol: 'TCP',
        allowed: false,
      },
    ]);
    // web→db is denied, api→db allowed: one failing pair of two.
    expect(r?.checked).toBe(2);
    expect(r?.failures.map((f) => f.from)).toEqual(['shop/api']);
  });

  it('an end that picks out nothing is a failure with the reason, never a pass', () => {
    const [r] = checkExpectations(ws, [flow('shop/nope', 'shop/db', 5432, false)]);
    expect(r).toMatchObject({ passed: false, checked: 0 });
    expect(r?.problem).toMatch(/shop\/nope matches no workload/);
  });

  it('an IP address end is checked as an external endpoint', () => {
    const [r] = checkExpectations(ws, [
      {
        from: { kind: 'ip', ip: '203.0.113.9' },
        to: byName('shop/web'),
        port: 8080,
        protocol: 'TCP',
        allowed: false,
      },
    ]);
    expect(r?.passed).toBe(true);
    expect(endText({ kind: 'ip', ip: '203.0.113.9' })).toBe('203.0.113.9');
  });
});
