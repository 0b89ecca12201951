// The built app runs under its own Content-Security-Policy: no inline script, and scripts,
// workers, styles and requests from the app's origin only. The page records every violation.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { EditorPage } from './pages/editor.ts';

type Violation = { directive: string; blocked: string; sample: string };

async function recordViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.addInitScript(`
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push({
        directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample,
      });
    });
  `);
  return () => page.evaluate<Violation[]>('window.__cspViolations');
}

test('the built app declares a strict Content-Security-Policy', async ({ page }) => {
  await page.goto('/');
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  const directives = new Map(
    (policy ?? '').split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('worker-src')).toEqual(["'self'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  // Style elements: the origin, plus the nonce the build stamps on Monaco's own <style> elements.
  expect(directives.get('style-src-elem')?.[0]).toBe("'self'");
  expect(directives.get('style-src-elem')?.slice(1)).toEqual([
    expect.stringMatching(/^'nonce-[A-Za-z0-9+/=]{20,}'$/),
  ]);
  expect(policy).not.toContain('unsafe-eval');
});

test('an injected inline script or style element is blocked', async ({ page }) => {
  const violations = await recordViolations(page);
  const app = new EditorPage(page);
  await app.open();
  await page.evaluate(`{
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.body.appendChild(s);
    const st = document.createElement('style');
    st.textContent = 'body { background: red }';
    document.head.appendChild(st);
  }`);
  await page.waitForTimeout(200);
  expect(await page.evaluate('window.__injected === true')).toBe(false);
  const directives = (await violations()).map((v) => v.directive).sort();
  expect(directives).toEqual(['script-src-elem', 'style-src-elem']);
});

test('nothing the app does violates its policy', async ({ page }) => {
  const violations = await recordViolations(page);
  const app = new EditorPage(page);
  await app.open();
  // Exercise what loads code or styles lazily: Monaco and its YAML worker, the layout worker,
  // a selection, an example, a diagnostic, an export.
  await page.waitForTimeout(1500);
  await app.menu('Examples', /AND/);
  await page.waitForTimeout(800);
  await app.focusEditor('end');
  await page.keyboard.type('\nkind: NetworkPolicy\nspec: {podSelector: {}, form: []}\n');
  await page.waitForTimeout(1200);
  expect(await violations()).toEqual([]);
  expect(app.consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
});
