import { expect, test } from '@playwright/test';

// The app must load from its own origin alone and without console errors.
test('the app loads offline, without console errors', async ({ page, baseURL }) => {
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== new URL(baseURL!).origin) foreign.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'netpol-canvas' })).toBeVisible();
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});
