// Prioritisation against the real server: the Product Owner scores a story with WSJF from the
// page; the story, last in the manual rank but first by WSJF, is flagged as a disagreement; the
// value/effort chart places the scored items. The product, its people and its items are made for
// this file, so no other spec is touched.
import { expect, test } from './fixtures';
import { apiCall, apiToken, DEMO_PASSWORD, loginAndLand } from './helpers';

const PASSWORD = 'prio-e2e-pass';
const suffix = Date.now().toString(36).toUpperCase().slice(-5);

interface Setup {
  productId: string;
  po: { email: string; name: string };
  keys: string[];
}

let setup: Setup;

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  try {
    const admin = await apiToken(api, 'admin@skylift.example', DEMO_PASSWORD);
    const product = await apiCall(api, admin, 'POST', '/products', {
      key: `P${suffix}`.slice(0, 8),
      name: `Prioritisation ${suffix}`,
      description: 'Made by the prioritisation e2e test.',
      stage: 'development',
    });
    const po = { email: `pr-po-${suffix.toLowerCase()}@skylift.example`, name: `Pia PO ${suffix}` };
    const user = await apiCall(api, admin, 'POST', '/users', { ...po, password: PASSWORD, is_admin: false });
    await apiCall(api, admin, 'POST', `/products/${product.id}/roles`, { user_id: user.id, role: 'product_owner' });
    const poToken = await apiToken(api, po.email, PASSWORD);
    const keys: string[] = [];
    for (const title of ['Obstacle avoidance', 'Battery swap', 'Night mode', 'Dust filter']) {
      const item = await apiCall(api, poToken, 'POST', `/products/${product.id}/items`, { type: 'story', title });
      keys.push(item.key);
    }
    // WSJF for the first three in manual order: 3, 2, 1 (cost of delay ÷ job size).
    for (const [i, size] of [
      [0, 1],
      [1, 2],
      [2, 3],
    ] as const) {
      await apiCall(api, poToken, 'PUT', `/items/${keys[i]}/scores/wsjf`, {
        business_value: 1,
        time_criticality: 1,
        risk_reduction: 1,
        job_size: size,
      });
    }
    await apiCall(api, poToken, 'PUT', `/items/${keys[0]}/scores/value_effort`, { value: 8, effort: 2 });
    await apiCall(api, poToken, 'PUT', `/items/${keys[1]}/scores/value_effort`, { value: 3, effort: 9 });
    setup = { productId: product.id, po, keys };
  } finally {
    await api.dispose();
  }
});

test('the PO scores the last story first by WSJF and sees the disagreement', async ({ page }) => {
  await loginAndLand(page, setup.po.email, PASSWORD);
  await page.goto(`/products/${setup.productId}/backlog`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Prioritisation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Prioritisation' })).toBeVisible();
  await page.getByLabel('Model').selectOption('wsjf');
  const table = page.getByRole('table', { name: 'Items by model, beside the manual rank' });
  await expect(table.getByRole('row').nth(1)).toContainText(setup.keys[0]);
  await expect(page.getByText('3 scored · 1 unscored · 0 disagreements')).toBeVisible();

  // Dust filter, last in the backlog: (13 + 8 + 5) ÷ 2 = 13, first by WSJF.
  const last = setup.keys[3];
  await page.getByRole('button', { name: `Score ${last}` }).click();
  const form = page.getByRole('form', { name: `Score ${last}` });
  await form.getByLabel(/Business value/).fill('13');
  await form.getByLabel(/Time criticality/).fill('8');
  await form.getByLabel(/Risk reduction/).fill('5');
  await form.getByLabel(/Job size/).fill('0');
  await form.getByRole('button', { name: 'Save score' }).click();
  await expect(form).toContainText('must be a whole number from 1 to 20');
  await form.getByLabel(/Job size/).fill('2');
  await form.getByRole('button', { name: 'Save score' }).click();
  await expect(form).toHaveCount(0);

  const first = table.getByRole('row').nth(1);
  await expect(first).toContainText(last);
  await expect(first).toContainText('13');
  await expect(first).toContainText('Disagrees (4 → 1)');
  await expect(page.getByText('4 scored · 0 unscored · 1 disagreement')).toBeVisible();

  // The value/effort 2×2 chart and its table.
  await page.getByLabel('Model').selectOption('value_effort');
  const figure = page.getByRole('figure', { name: 'Value vs effort' });
  await expect(figure).toContainText('1 quick win, 1 time sink.');
  await expect(figure.locator('svg').first()).toBeVisible();
});
