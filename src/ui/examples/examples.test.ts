// The built-in examples must read cleanly: a newcomer's first screen shows no problems.
import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../../yaml/read-workspace.ts';
import { EXAMPLES } from './examples.ts';

describe('built-in examples', () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))('%s reads without diagnostics', (_id, e) => {
    const r = readWorkspace(e.yaml);
    expect(r.diagnostics).toEqual([]);
    expect(r.policies.length).toBeGreaterThan(0);
    expect(r.policies.every((p) => p.valid)).toBe(true);
  });

  it('the three-tier example has web, api, db in shop and prometheus in monitoring', () => {
    const r = readWorkspace(EXAMPLES[0]!.yaml);
    expect(r.workloads.map((w) => w.id).sort()).toEqual([
      'monitoring/prometheus',
      'shop/api',
      'shop/db',
      'shop/web',
    ]);
  });
});
