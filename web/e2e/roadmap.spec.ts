// The roadmap against the real server: the PM moves an initiative a quarter later on the
// timeline (drag, with the keyboard button as the fallback the page also offers), reloads and
// the move has persisted; a published link opens without login and stops working once revoked.
// The product and its PM are made for this file, so no other spec is touched.
import { expect, test } from './fixtures';
import { apiCall, apiToken, DEMO_PASSWORD, loginAndLand } from './helpers';

const PASSWORD = 'roadmap-e2e-pass';
const suffix = Date.now().toString(36).toUpperCase().slice(-5);

let productId = '';
let initiativeId = '';
const pm = { email: `rm-pm-${suffix.toLowerCase()}@skylift.example`, name: `Paula PM ${suffix}` };

/** The first day of the quarter `offset` quarters from today's (UTC). */
function quarterStart(offset: number): string {
  const now = new Date();
  const q = Math.floor(now.getUTCMonth() / 3) + offset;
  const d = new Date(Date.UTC(now.getUTCFullYear(), q * 3, 1));
  return d.toISOString().slice(0, 10);
}
function quarterEnd(offset: number): string {
  const d = new Date(`${quarterStart(offset + 1)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  try {
    const admin = await apiToken(api, 'admin@skylift.example', DEMO_PASSWORD);
    const product = await apiCall(api, admin, 'POST', '/products', {
      key: `M${suffix}`.slice(0, 8),
      name: `Roadmap ${suffix}`,
      description: 'Made by the roadmap e2e test.',
      stage: 'development',
    });
    productId = product.id;
    const user = await apiCall(api, admin, 'POST', '/users', { ...pm, password: PASSWORD, is_admin: false });
    await apiCall(api, admin, 'POST', `/products/${productId}/roles`, { user_id: user.id, role: 'product_manager' });
    const token = await apiToken(api, pm.email, PASSWORD);
    const goal = await apiCall(api, token, 'POST', `/products/${productId}/goals`, {
      objective: 'Fly longer',
      horizon: 'year',
      start_date: quarterStart(0),
    });
    const initiative = await apiCall(api, token, 'POST', `/products/${productId}/initiatives`, {
      name: 'Battery swap',
      goal_ids: [goal.id],
      start_date: quarterStart(1),
      end_date: quarterEnd(1),
      status: 'planned',
    });
    initiativeId = initiative.id;
  } finally {
    await api.dispose();
  }
});

test('the PM reschedules an initiative on the roadmap and it persists', async ({ page }) => {
  await loginAndLand(page, pm.email, PASSWORD);
  await page.goto(`/products/${productId}/roadmap`);
  const bar = page.getByTestId(`bar-${initiativeId}`);
  await expect(bar).toContainText(`${quarterStart(1)} – ${quarterEnd(1)}`);

  // Drag the bar from next quarter's column to the one after.
  await bar.dragTo(page.getByTestId(`drop-${initiativeId}-2`));
  await expect(bar).toContainText(`${quarterStart(2)} – `);

  // The keyboard alternative: one quarter later again.
  await page.getByRole('button', { name: 'Move Battery swap later' }).click();
  await expect(bar).toContainText(`${quarterStart(3)} – `);

  await page.reload();
  await expect(page.getByTestId(`bar-${initiativeId}`)).toContainText(`${quarterStart(3)} – `);
  await expect(page.getByRole('rowheader', { name: 'Goal: Fly longer' })).toBeVisible();
});

test('a published link opens without login and stops working after revoke', async ({ page, browser }) => {
  await loginAndLand(page, pm.email, PASSWORD);
  await page.goto(`/products/${productId}/roadmap`);
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share the roadmap' });
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const url = await dialog.getByTestId('share-url').textContent();
  expect(url).toContain('/shared/roadmap/rmp_');

  // A fresh browser context: no session cookie.
  const anonymous = await browser.newContext();
  try {
    const visitor = await anonymous.newPage();
    await visitor.goto(url!);
    await expect(visitor.getByRole('heading', { level: 1, name: `Roadmap ${suffix} roadmap` })).toBeVisible();
    await expect(visitor.getByTestId(`bar-${initiativeId}`)).toContainText('Battery swap');
    await expect(visitor).not.toHaveURL(/\/login/);
    await expect(visitor.getByRole('button', { name: /Move Battery swap/ })).toHaveCount(0);

    await dialog.getByRole('button', { name: /Revoke link/ }).click();
    await expect(dialog.getByText('No published links.')).toBeVisible();

    await visitor.reload();
    await expect(visitor.getByRole('alert')).toContainText('does not exist or has been revoked');
  } finally {
    await anonymous.close();
  }
});
