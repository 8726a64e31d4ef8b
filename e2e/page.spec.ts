import { expect, test } from '@playwright/test';

test('the page loads in headless Chromium with a WebGPU adapter', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page).toHaveTitle(/reglab/);
  const { adapter } = await page.evaluate(() => window.reglab.ready);
  expect(adapter, 'no WebGPU adapter in headless Chromium').not.toBeNull();
  await expect(page.locator('#adapter')).toContainText('WebGPU adapter:');
  expect(errors).toEqual([]);
});
