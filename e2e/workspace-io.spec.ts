// Export, import (file picker, JSON, bad encodings) and New, checked on the files and the text.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { loadAll } from 'js-yaml';
import { EditorPage } from './pages/editor.ts';
import { THREE_TIER_YAML } from '../src/ui/examples/three-tier.ts';
import { readWorkspace } from '../src/yaml/read-workspace.ts';
import { serializePolicies } from '../src/yaml/serialize.ts';

test('export downloads networkpolicies.yaml that parses and matches the workspace', async ({
  page,
}) => {
  const app = new EditorPage(page);
  await app.open();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    app.menu('Export', /Download networkpolicies\.yaml/),
  ]);
  expect(download.suggestedFilename()).toBe('networkpolicies.yaml');
  const text = await readFile((await download.path())!, 'utf8');
  const docs = loadAll(text) as { kind: string; metadata: { name: string; namespace: string } }[];
  expect(docs.map((d) => d.kind)).toEqual(Array(6).fill('NetworkPolicy'));
  expect(docs.map((d) => `${d.metadata.namespace}/${d.metadata.name}`).sort()).toEqual(
    readWorkspace(THREE_TIER_YAML)
      .policies.map((p) => p.id)
      .sort(),
  );
  expect(text).toBe(serializePolicies(readWorkspace(THREE_TIER_YAML).policies));
  // Read back, the export means the same policies.
  expect(readWorkspace(text).policies).toEqual(
    expect.arrayContaining(
      readWorkspace(THREE_TIER_YAML).policies.map((p) =>
        expect.objectContaining({ id: p.id, ingress: p.ingress, egress: p.egress }),
      ),
    ),
  );

  const [whole] = await Promise.all([
    page.waitForEvent('download'),
    app.menu('Export', /Download workspace\.yaml/),
  ]);
  expect(await readFile((await whole.path())!, 'utf8')).toBe(THREE_TIER_YAML);
  expect(app.foreignRequests).toEqual([]);
});

test('import: a kubectl JSON list becomes YAML documents; bad files are reported', async ({
  page,
}) => {
  const app = new EditorPage(page);
  await app.open();
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'imported' } },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'deny', namespace: 'imported' },
        spec: { podSelector: {}, policyTypes: ['Ingress'] },
      },
    ],
  };
  const input = page.locator('input[type="file"]');
  await input.setInputFiles({
    name: 'cluster.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(list)),
  });
  // The example is untouched, so the file simply replaces it.
  await expect
    .poll(() => app.savedText())
    .toBe(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: imported\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: imported\nspec:\n  podSelector: {}\n  policyTypes:\n    - Ingress\n',
    );

  // Now there is work to lose: importing asks whether to replace it or add to it.
  await input.setInputFiles({
    name: 'more.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: more\n'),
  });
  await expect(page.getByRole('dialog', { name: 'Import a file' })).toBeVisible();
  await app.shot('05-import-dialog');
  await page.getByRole('button', { name: 'Add to workspace' }).click();
  await expect
    .poll(() => app.savedText())
    .toMatch(/- Ingress\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n {2}name: more\n$/);

  await input.setInputFiles({
    name: 'latin1.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]),
  });
  await expect(
    page.getByRole('status').filter({ hasText: 'latin1.yaml is not valid UTF-8' }),
  ).toBeVisible();
  await app.shot('06-import-bad-utf8');

  // Undo brings back what was there before each import.
  await app.button('Undo').click();
  await expect.poll(() => app.savedText()).toMatch(/- Ingress\n$/);
  await app.button('Undo').click();
  await expect(app.editor).toContainText('A three-tier shop');
});

test('New asks first, then empties the workspace; Examples open another example', async ({
  page,
}) => {
  const app = new EditorPage(page);
  await app.open();
  await app.focusEditor('start');
  await page.keyboard.type('# edited\n');
  await app.button('New workspace').click();
  const dialog = page.getByRole('dialog', { name: 'Start a new workspace?' });
  await expect(dialog).toBeVisible();
  await app.shot('07-new-dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.editor).toContainText('# edited');

  await app.button('New workspace').click();
  await page.getByRole('button', { name: 'Discard and continue' }).click();
  await expect.poll(() => app.savedText()).toBe('');

  // Nothing to lose now: the example opens without a question.
  await app.menu('Examples', /AND vs OR peers/);
  await expect(app.editor).toContainText('AND vs OR');
  await expect(page.getByRole('dialog')).toBeHidden();
});
