// Releases and test planning against the real server: a team member records a failing test run
// of a release's plan and opens a bug from it; the bug appears with a link to the story it
// blocks, and the release's readiness shows the failing case. The product, its people and its
// items are made for this file, so no other spec is touched.
import { expect, test } from './fixtures';
import { apiCall, apiToken, DEMO_PASSWORD, loginAndLand } from './helpers';

const PASSWORD = 'release-e2e-pass';
const suffix = Date.now().toString(36).toUpperCase().slice(-5);

interface Setup {
  productId: string;
  team: { email: string; name: string };
  storyKey: string;
  featureKey: string;
  releaseId: string;
  planId: string;
}

let setup: Setup;

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  try {
    const admin = await apiToken(api, 'admin@skylift.example', DEMO_PASSWORD);
    const product = await apiCall(api, admin, 'POST', '/products', {
      key: `R${suffix}`.slice(0, 8),
      name: `Releases ${suffix}`,
      description: 'Made by the releases e2e test.',
      stage: 'development',
    });
    const po = { email: `rl-po-${suffix.toLowerCase()}@skylift.example`, name: `Pia PO ${suffix}` };
    const team = { email: `rl-dev-${suffix.toLowerCase()}@skylift.example`, name: `Theo Tester ${suffix}` };
    for (const [who, role] of [
      [po, 'product_owner'],
      [team, 'team_member'],
    ] as const) {
      const user = await apiCall(api, admin, 'POST', '/users', { ...who, password: PASSWORD, is_admin: false });
      await apiCall(api, admin, 'POST', `/products/${product.id}/roles`, { user_id: user.id, role });
    }
    const poToken = await apiToken(api, po.email, PASSWORD);
    const feature = await apiCall(api, poToken, 'POST', `/products/${product.id}/items`, {
      type: 'feature',
      title: 'Low-light camera',
    });
    const story = await apiCall(api, poToken, 'POST', `/products/${product.id}/items`, {
      type: 'story',
      title: 'Night mode',
      parent_id: feature.id,
      criteria: ['Given dusk, the preview stays readable'],
    });
    const release = await apiCall(api, poToken, 'POST', `/products/${product.id}/releases`, {
      version: '2.1',
      name: 'Spring flight',
      target_date: '2026-06-01',
    });
    await apiCall(api, poToken, 'POST', `/releases/${release.id}/items`, { items: [story.key] });
    await apiCall(api, poToken, 'POST', `/items/${story.key}/test-cases`, {
      title: 'Dusk preview',
      steps: '1. Take off at dusk\n2. Hover at 10 m',
      expected_result: 'The preview stays readable',
      criteria: [story.criteria[0].id],
    });
    const plan = await apiCall(api, poToken, 'POST', `/products/${product.id}/test-plans`, {
      name: 'Release 2.1 tests',
      release_id: release.id,
    });
    setup = {
      productId: product.id,
      team,
      storyKey: story.key,
      featureKey: feature.key,
      releaseId: release.id,
      planId: plan.id,
    };
  } finally {
    await api.dispose();
  }
});

test('a failing test run opens a bug that blocks the story', async ({ page }) => {
  await loginAndLand(page, setup.team.email, PASSWORD);
  await page.goto(`/products/${setup.productId}/test-plans/${setup.planId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Release 2.1 tests' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Test cases of the plan' });
  const row = table.getByRole('row').filter({ hasText: 'Dusk preview' });
  await expect(row).toContainText('Not run');

  await row.getByLabel('Notes for Dusk preview').fill('Preview black below 2 lux');
  await row.getByRole('button', { name: 'Record fail for Dusk preview' }).click();
  await expect(row).toContainText('Preview black below 2 lux');
  await expect(row.locator('.result-fail')).toHaveText('Fail');

  await row.getByRole('button', { name: 'Open a bug for Dusk preview' }).click();
  const opened = page.getByRole('status').filter({ hasText: 'Opened bug' });
  await expect(opened).toContainText('Test failed: Dusk preview');
  const bugLink = row.getByRole('link', { name: /-\d+$/ }).last();
  await expect(bugLink).toBeVisible();
  const bugKey = (await bugLink.textContent())!.trim();
  await expect(row.getByRole('button', { name: 'Open a bug for Dusk preview' })).toHaveCount(0);

  // The bug, under the story's feature, blocks the story.
  await bugLink.click();
  await expect(page).toHaveURL(new RegExp(`/items/${bugKey}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Test failed: Dusk preview');
  const links = page.getByRole('region', { name: 'Links' });
  await expect(links).toContainText('blocks');
  await expect(links.getByRole('link', { name: new RegExp(`^${setup.storyKey} Night mode`) })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Description' })).toContainText('Preview black below 2 lux');
  await expect(page.getByRole('link', { name: new RegExp(`${setup.featureKey} Low-light camera`) })).toBeVisible();

  // The story shows it is blocked by the bug, and the release shows the failing case.
  await links.getByRole('link', { name: new RegExp(`^${setup.storyKey} Night mode`) }).click();
  await expect(page.getByRole('region', { name: 'Links' })).toContainText(`is blocked by ${bugKey}`);
  await page.goto(`/products/${setup.productId}/releases/${setup.releaseId}`);
  const readiness = page.getByRole('region', { name: 'Readiness' });
  await expect(readiness).toContainText('Not ready yet.');
  await expect(readiness).toContainText('Dusk preview');
  await expect(readiness).toContainText(bugKey);
});
