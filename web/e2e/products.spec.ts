import { expect, test } from './fixtures';

import { loginAndLand } from './helpers';

test('the product switcher switches between SkyLift X2 and SkyLift AI, keeping the page', async ({
  page,
}) => {
  await loginAndLand(page, 'alice@skylift.example');
  const switcher = page.getByLabel('Product', { exact: true });
  await expect(switcher.locator('option')).toHaveCount(2);
  const labels = await switcher.locator('option').allInnerTexts();
  expect(labels.map((l) => l.trim()).sort()).toEqual(['AI — SkyLift AI', 'X2 — SkyLift X2']);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await switcher.selectOption({ label: 'AI — SkyLift AI' });
  await expect(page).toHaveURL(/\/products\/[^/]+\/overview$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SkyLift AI');

  await switcher.selectOption({ label: 'X2 — SkyLift X2' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SkyLift X2');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backlog' }).click();
  await switcher.selectOption({ label: 'AI — SkyLift AI' });
  await expect(page).toHaveURL(/\/products\/[^/]+\/backlog$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Backlog');
});

test('the SkyLift AI overview warns that alice is both PM and PO', async ({ page }) => {
  await loginAndLand(page, 'alice@skylift.example');
  await page.getByLabel('Product', { exact: true }).selectOption({ label: 'AI — SkyLift AI' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SkyLift AI');
  const warning = page.getByRole('status');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/alice/i);
  await expect(page.getByRole('cell', { name: 'Product Owner' })).toBeVisible();
});

test('the portfolio lists both products with their PM and PO', async ({ page }) => {
  await loginAndLand(page, 'frank@skylift.example');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Portfolio');
  const x2 = page.getByRole('row').filter({ hasText: 'SkyLift X2' });
  await expect(x2).toContainText(/alice/i);
  await expect(x2).toContainText(/bob/i);
  await expect(page.getByRole('row').filter({ hasText: 'SkyLift AI' })).toContainText(/alice/i);
});

test('the history page shows the product audit history', async ({ page }) => {
  await loginAndLand(page, 'alice@skylift.example');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the administration page lists users and product roles', async ({ page }) => {
  await loginAndLand(page, 'admin@skylift.example');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Administration');
  await expect(page.getByRole('cell', { name: 'alice@skylift.example' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'X2 — SkyLift X2' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'AI — SkyLift AI' })).toBeVisible();
});

test('assigning a second Product Owner shows the server error', async ({ page }) => {
  await loginAndLand(page, 'admin@skylift.example');
  const x2 = page.getByRole('region', { name: 'X2 — SkyLift X2' });
  const carol = x2.getByLabel('User').locator('option', { hasText: 'carol@skylift.example' });
  const carolId = await carol.getAttribute('value');
  await x2.getByLabel('User').selectOption(carolId!);
  await x2.getByLabel('Role').selectOption('product_owner');
  await x2.getByRole('button', { name: 'Assign' }).click();
  await expect(x2.getByRole('alert')).toContainText(/Product Owner/);
  // Nothing changed: bob is still the only PO.
  await expect(x2.getByRole('row').filter({ hasText: 'Product Owner' })).toHaveCount(1);
});
