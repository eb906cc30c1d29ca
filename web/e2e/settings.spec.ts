// The backlog settings page against the real server: the Product Owner adds a custom field
// that then shows on an item, and sets a WIP limit that survives a reload. The product, its
// Product Owner and its item are made for this file, so no other spec is touched.
import { expect, test } from './fixtures';
import { apiCall, apiToken, DEMO_PASSWORD, loginAndLand } from './helpers';

const PASSWORD = 'settings-e2e-pass';
const suffix = Date.now().toString(36).toUpperCase().slice(-5);

let setup: { productId: string; itemKey: string; poEmail: string };

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  try {
    const admin = await apiToken(api, 'admin@skylift.example', DEMO_PASSWORD);
    const product = await apiCall(api, admin, 'POST', '/products', {
      key: `S${suffix}`.slice(0, 8),
      name: `Settings ${suffix}`,
      description: 'Made by the settings e2e test.',
      stage: 'development',
    });
    const poEmail = `st-po-${suffix.toLowerCase()}@skylift.example`;
    const po = await apiCall(api, admin, 'POST', '/users', {
      email: poEmail,
      name: `Petra PO ${suffix}`,
      password: PASSWORD,
      is_admin: false,
    });
    await apiCall(api, admin, 'POST', `/products/${product.id}/roles`, { user_id: po.id, role: 'product_owner' });
    const poToken = await apiToken(api, poEmail, PASSWORD);
    const created = await apiCall(api, poToken, 'POST', `/products/${product.id}/items`, {
      type: 'story',
      title: 'Swap the motor supplier',
    });
    setup = { productId: product.id, itemKey: created.key, poEmail };
  } finally {
    await api.dispose();
  }
});

test('the Product Owner adds a single-select custom field and finds it on an item', async ({ page }) => {
  await loginAndLand(page, setup.poEmail, PASSWORD);
  await page.goto(`/products/${setup.productId}/backlog`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Backlog settings' })).toBeVisible();

  await page.getByRole('button', { name: 'Add custom field' }).click();
  await page.getByRole('textbox', { name: 'Name of field 1' }).fill('Hardware risk');
  await expect(page.getByRole('textbox', { name: 'Key of field Hardware risk' })).toHaveValue('hardware_risk');
  await page.getByRole('combobox', { name: 'Type of field Hardware risk' }).selectOption('single_select');
  await page.getByRole('textbox', { name: 'Options of field Hardware risk' }).fill('motor\nbattery\ncamera');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText(/Saved the custom fields \(version \d+\)\./);
  // Saved: the key is fixed now.
  await expect(page.getByRole('textbox', { name: 'Key of field Hardware risk' })).toHaveCount(0);

  await page.goto(`/products/${setup.productId}/items/${setup.itemKey}`);
  const fields = page.getByRole('form', { name: 'Custom fields' });
  const select = fields.getByLabel('Hardware risk');
  await expect(select).toBeVisible();
  await expect(select.locator('option')).toHaveText(['—', 'motor', 'battery', 'camera']);
});

test('a WIP limit set on the settings page is there after a reload', async ({ page }) => {
  await loginAndLand(page, setup.poEmail, PASSWORD);
  await page.goto(`/products/${setup.productId}/settings`);
  const wip = page.getByRole('spinbutton', { name: 'WIP limit of status In progress' });
  await wip.fill('3');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText(/Saved the workflow statuses \(version \d+\)\./);

  await page.reload();
  await expect(page.getByRole('spinbutton', { name: 'WIP limit of status In progress' })).toHaveValue('3');
  await expect(page.getByRole('spinbutton', { name: 'WIP limit of status In review' })).toHaveValue('0');
  await expect(page.getByRole('textbox', { name: 'Definition of Ready entry 1' })).toHaveValue(
    'Acceptance criteria are written and agreed',
  );
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
});
