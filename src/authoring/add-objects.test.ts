import { describe, expect, it } from 'vitest';
import { readWorkspace } from '../yaml/read-workspace.ts';
import { applyEdits } from '../yaml/edit.ts';
import { labelsFrom } from '../model/selector.ts';
import { addNamespace, addWorkload, parseLabelList } from './add-objects.ts';
import type { GestureResult } from './policy-text.ts';

const BASE = '# mine\r\napiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: shop}\r\n';

function apply(result: GestureResult): string {
  if ('error' in result) throw new Error(result.error);
  return applyEdits(BASE, result.edits);
}

describe('adding objects', () => {
  it('appends a namespace, keeping the existing text and its line breaks', () => {
    const out = apply(addNamespace(BASE, readWorkspace(BASE), 'payments'));
    expect(out.startsWith(BASE)).toBe(true);
    expect(out).toContain(
      '---\r\napiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: payments\r\n',
    );
    expect(readWorkspace(out).namespaces.map((n) => n.name)).toEqual(['shop', 'payments']);
  });

  it('appends a Deployment the reader sees with its labels and ports, and its namespace when new', () => {
    const out = apply(
      addWorkload(BASE, readWorkspace(BASE), {
        namespace: 'billing',
        name: 'invoices',
        labels: labelsFrom([['app', 'invoices']]),
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      }),
    );
    const ws = readWorkspace(out);
    expect(ws.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(ws.workloads).toMatchObject([
      {
        id: 'billing/invoices',
        kind: 'Deployment',
        labels: { app: 'invoices' },
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
    expect(ws.namespaces.find((n) => n.name === 'billing')?.inferred).toBe(false);
  });

  it('refuses names and labels the API server would reject, and duplicates', () => {
    const ws = readWorkspace(BASE);
    expect(addNamespace(BASE, ws, 'Shop_1')).toMatchObject({
      error: expect.stringContaining('RFC 1123 label'),
    });
    expect(addNamespace(BASE, ws, 'shop')).toEqual({ error: 'namespace shop already exists' });
    expect(
      addWorkload(BASE, ws, {
        namespace: 'shop',
        name: '<b>x</b>',
        labels: labelsFrom([]),
        ports: [],
      }),
    ).toMatchObject({
      error: expect.stringContaining('RFC 1123 subdomain'),
    });
    expect(parseLabelList('app=web, tier=front')).toEqual({ app: 'web', tier: 'front' });
    expect(parseLabelList('app')).toEqual({ error: '“app” is not key=value' });
    expect(parseLabelList('app=a b/c')).toMatchObject({ error: expect.stringContaining('b/c') });
  });

  it('writes the Deployment without YAML anchors, though selector and template share labels', () => {
    const out = apply(
      addWorkload(BASE, readWorkspace(BASE), {
        namespace: 'shop',
        name: 'web',
        labels: labelsFrom([
          ['app', 'web'],
          ['tier', 'front'],
        ]),
        ports: [],
      }),
    );
    expect(out).not.toMatch(/[&*]ref_\d/);
    const web = readWorkspace(out).workloads.find((w) => w.id === 'shop/web');
    expect(web?.labels).toEqual({ app: 'web', tier: 'front' });
  });
});
