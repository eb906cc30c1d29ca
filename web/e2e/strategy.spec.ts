// Strategy against the real server: the Product Manager creates a goal with a key result,
// checks in a value and sees the progress move; then links an initiative serving that goal to
// an epic on the item page, and the release's alignment report moves the epic's story (through
// its feature) from unaligned to the goal. The product, its people, items and release are made
// for this file.
import { expect, test } from './fixtures';
import { apiCall, apiToken, DEMO_PASSWORD, loginAndLand } from './helpers';

const PASSWORD = 'strategy-e2e-pass';
const suffix = Date.now().toString(36).toUpperCase().slice(-5);

interface Setup {
  productId: string;
  pm: { email: string; name: string };
  epicKey: string;
  storyKey: string;
  releaseId: string;
}

let setup: Setup;
const objective = `Fly longer ${suffix}`;
const initiativeName = `Battery swap ${suffix}`;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  try {
    const admin = await apiToken(api, 'admin@skylift.example', DEMO_PASSWORD);
    const product = await apiCall(api, admin, 'POST', '/products', {
      key: `G${suffix}`.slice(0, 8),
      name: `Strategy ${suffix}`,
      description: 'Made by the strategy e2e test.',
      stage: 'development',
    });
    const pm = { email: `st-pm-${suffix.toLowerCase()}@skylift.example`, name: `Paula PM ${suffix}` };
    const po = { email: `st-po-${suffix.toLowerCase()}@skylift.example`, name: `Otto PO ${suffix}` };
    for (const [who, role] of [
      [pm, 'product_manager'],
      [po, 'product_owner'],
    ] as const) {
      const user = await apiCall(api, admin, 'POST', '/users', { ...who, password: PASSWORD, is_admin: false });
      await apiCall(api, admin, 'POST', `/products/${product.id}/roles`, { user_id: user.id, role });
    }
    const poToken = await apiToken(api, po.email, PASSWORD);
    const epic = await apiCall(api, poToken, 'POST', `/products/${product.id}/items`, { type: 'epic', title: `Endurance ${suffix}` });
    const feature = await apiCall(api, poToken, 'POST', `/products/${product.id}/items`, {
      type: 'feature',
      title: `Battery swap station ${suffix}`,
      parent_id: epic.id,
    });
    const story = await apiCall(api, poToken, 'POST', `/products/${product.id}/items`, {
      type: 'story',
      title: `Swap dock ${suffix}`,
      parent_id: feature.id,
      points: 5,
    });
    const release = await apiCall(api, poToken, 'POST', `/products/${product.id}/releases`, { version: '1.0', name: 'Endurance' });
    await apiCall(api, poToken, 'POST', `/releases/${release.id}/items`, { items: [story.key] });
    setup = { productId: product.id, pm, epicKey: epic.key, storyKey: story.key, releaseId: release.id };
  } finally {
    await api.dispose();
  }
});

test('the PM creates a goal with a key result, checks in a value and sees the progress', async ({ page }) => {
  await loginAndLand(page, setup.pm.email, PASSWORD);
  await page.goto(`/products/${setup.productId}/strategy`);
  await expect(page.getByRole('heading', { level: 1, name: 'Strategy' })).toBeVisible();
  await expect(page.getByText('No open goals.')).toBeVisible();

  await page.getByRole('navigation', { name: 'Strategy' }).getByRole('link', { name: 'Goals' }).click();
  await page.getByRole('button', { name: 'New goal' }).click();
  const form = page.getByRole('form', { name: 'New goal' });
  await form.getByLabel('Objective').fill(objective);
  await form.getByLabel('Horizon').selectOption('year');
  await form.getByLabel('Start date').fill(today());
  const kr = form.getByRole('group', { name: 'Key result 1' });
  await kr.getByLabel('Key result').fill('More inspection customers');
  await kr.getByLabel('Metric').fill('inspection customers');
  await kr.getByLabel('Unit').fill('customers');
  await kr.getByLabel('Baseline').fill('10');
  await kr.getByLabel('Target').fill('30');
  await form.getByRole('button', { name: 'Create goal' }).click();

  await expect(page.getByRole('heading', { level: 1, name: objective })).toBeVisible();
  const card = page.getByRole('region', { name: 'Key result More inspection customers' });
  await expect(card.getByRole('meter')).toHaveAttribute('aria-valuetext', '0%');
  const checkIn = card.getByRole('form', { name: 'Check in More inspection customers' });
  await checkIn.getByLabel('Value (customers)').fill('20');
  await checkIn.getByLabel('Note').fill('Two pilots signed');
  await checkIn.getByRole('button', { name: 'Check in' }).click();

  await expect(card.getByRole('meter')).toHaveAttribute('aria-valuetext', '50%');
  await expect(card).toContainText('now 20 customers');
  await expect(card.getByRole('table', { name: 'Check-ins of More inspection customers' })).toContainText('Two pilots signed');
  await expect(page.getByRole('meter', { name: 'Goal progress' })).toHaveAttribute('aria-valuenow', '50');
  await expect(page.getByText(`Progress 50% on ${today()}.`)).toBeVisible();
  await expect(page.getByRole('img', { name: 'Progress over time chart' }).locator('svg').first()).toBeVisible();

  // The strategy home shows the goal with its progress and status.
  await page.getByRole('link', { name: 'Strategy', exact: true }).first().click();
  const row = page.getByRole('table', { name: 'Open goals' }).getByRole('row').filter({ hasText: objective });
  await expect(row.getByRole('meter')).toHaveAttribute('aria-valuenow', '50');
  await expect(row).toContainText('On track');
});

test("the PM links an initiative to an epic and the release's alignment changes", async ({ page }) => {
  await loginAndLand(page, setup.pm.email, PASSWORD);

  // Before: the release's one story is unaligned.
  await page.goto(`/products/${setup.productId}/releases/${setup.releaseId}`);
  await page.getByRole('link', { name: 'Alignment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alignment of 1.0: Endurance' })).toBeVisible();
  await expect(page.getByText('0% of 5 points serve a goal; 1 item (5 points) is unaligned.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Unaligned items' })).toContainText(setup.storyKey);
  await expect(page.getByRole('list', { name: 'Goals without work' })).toContainText(objective);

  // An initiative serving the goal.
  await page.goto(`/products/${setup.productId}/strategy/initiatives`);
  await page.getByRole('button', { name: 'New initiative' }).click();
  const form = page.getByRole('form', { name: 'New initiative' });
  await form.getByLabel('Name').fill(initiativeName);
  await form.getByLabel(objective).check();
  await form.getByLabel('Status').selectOption('in_progress');
  await form.getByRole('button', { name: 'Create initiative' }).click();
  await expect(page.getByRole('heading', { level: 1, name: initiativeName })).toBeVisible();
  await expect(page.getByRole('link', { name: objective })).toBeVisible();

  // The epic's alignment control.
  await page.goto(`/products/${setup.productId}/items/${setup.epicKey}`);
  const alignment = page.getByRole('region', { name: 'Alignment' });
  await expect(alignment.getByText(/Not aligned/)).toBeVisible();
  await alignment.getByLabel('Initiative').selectOption({ label: initiativeName });
  const tree = alignment.getByRole('navigation', { name: 'Trace to the vision' });
  await expect(tree.getByRole('link', { name: initiativeName })).toBeVisible();
  await expect(tree.getByRole('link', { name: objective })).toBeVisible();
  await expect(tree).toContainText('(aligned here)');

  // The story's trace goes through its feature and the epic.
  await page.goto(`/products/${setup.productId}/items/${setup.storyKey}`);
  await expect(page.getByRole('navigation', { name: 'Trace to the vision' }).getByRole('link', { name: initiativeName })).toBeVisible();

  // After: the release's points serve the goal through the initiative.
  await page.goto(`/products/${setup.productId}/releases/${setup.releaseId}/alignment`);
  await expect(page.getByText('100% of 5 points serve a goal; 0 items (0 points) are unaligned.')).toBeVisible();
  const byGoal = page.getByRole('table', { name: 'Share per goal' });
  await expect(byGoal.getByRole('row').filter({ hasText: objective })).toContainText('100%');
  await expect(page.getByRole('table', { name: 'Share per initiative' })).toContainText(initiativeName);
  await expect(page.getByRole('img', { name: 'Share of points per goal chart' }).locator('svg').first()).toBeVisible();
});
