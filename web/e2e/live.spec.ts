// Live updates: two people in two browser contexts; what one saves appears in the other's
// open page without a reload. The product and both people are made for this file (unique
// names), so no other spec's data is touched and no other spec's changes matter here.
import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { apiCall, apiToken, DEMO_PASSWORD, loginAndLand } from './helpers';

const PASSWORD = 'live-updates-e2e';
const suffix = Date.now().toString(36).toUpperCase().slice(-6);

interface Setup {
  productId: string;
  productName: string;
  editor: { email: string; name: string };
  viewer: { email: string; name: string };
  owner: { email: string; name: string };
}

async function post(api: APIRequestContext, token: string, path: string, data: unknown) {
  const res = await api.post(`/api/v1${path}`, { data, headers: { Authorization: `Bearer ${token}` } });
  expect(res.ok(), `POST ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.json();
}

/** As the workspace admin: a product with a Product Manager (editor) and a stakeholder (viewer). */
async function makeProduct(api: APIRequestContext): Promise<Setup> {
  const login = await api.post('/api/v1/auth/login', {
    data: { email: 'admin@skylift.example', password: DEMO_PASSWORD },
  });
  expect(login.ok()).toBe(true);
  const { token } = await login.json();
  const productName = `Live ${suffix}`;
  const product = await post(api, token, '/products', {
    key: `L${suffix}`.slice(0, 10),
    name: productName,
    description: 'Made by the live-updates test.',
    stage: 'development',
  });
  const editor = { email: `live-pm-${suffix.toLowerCase()}@skylift.example`, name: `Petra Live ${suffix}` };
  const viewer = { email: `live-sh-${suffix.toLowerCase()}@skylift.example`, name: `Sam Live ${suffix}` };
  const owner = { email: `live-po-${suffix.toLowerCase()}@skylift.example`, name: `Olga Live ${suffix}` };
  for (const [who, role] of [
    [editor, 'product_manager'],
    [viewer, 'stakeholder'],
    [owner, 'product_owner'],
  ] as const) {
    const user = await post(api, token, '/users', { ...who, password: PASSWORD, is_admin: false });
    await post(api, token, `/products/${product.id}/roles`, { user_id: user.id, role });
  }
  return { productId: product.id, productName, editor, viewer, owner };
}

/** A second browser context whose page errors fail the test, as the `page` fixture's do. */
async function otherPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return { page, problems };
}

/** Waits until the page's event stream is open, then marks the window: a reload would lose it. */
async function markLive(page: Page): Promise<void> {
  await expect(page.getByTitle('Live updates: on')).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { liveMarker: string }).liveMarker = 'not reloaded';
  });
}

async function stillSameDocument(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { liveMarker?: string }).liveMarker)).toBe(
    'not reloaded',
  );
}

async function rename(page: Page, from: string, to: string, description?: string): Promise<void> {
  await page.getByRole('button', { name: 'Edit product' }).click();
  const form = page.getByRole('form', { name: 'Edit product' });
  await expect(form.getByLabel('Name')).toHaveValue(from);
  await form.getByLabel('Name').fill(to);
  if (description !== undefined) await form.getByLabel('Description').fill(description);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(to);
}

let setup: Setup;

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  setup = await makeProduct(api);
  await api.dispose();
});

/**
 * Signs the editor in on a second browser context at the product's page and the viewer in on
 * `page` at `viewerPath`, runs `body` with the editor's page, and fails on any page error there.
 */
async function withEditorBeside(
  browser: Browser,
  page: Page,
  viewerPath: string,
  body: (editorPage: Page) => Promise<void>,
): Promise<void> {
  const { productId, editor, viewer } = setup;
  const editorContext = await browser.newContext();
  const a = await otherPage(editorContext);
  try {
    await loginAndLand(a.page, editor.email, PASSWORD);
    await loginAndLand(page, viewer.email, PASSWORD);
    await a.page.goto(`/products/${productId}/overview`);
    await page.goto(viewerPath);
    await body(a.page);
    expect(a.problems).toEqual([]);
  } finally {
    await editorContext.close();
  }
}

test('an edit on the product page appears in another browser without a reload', async ({
  page,
  browser,
}) => {
  const { productId, productName, editor } = setup;
  await withEditorBeside(browser, page, `/products/${productId}/overview`, async (editorPage) => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(productName);
    await expect(page.getByRole('button', { name: 'Edit product' })).toHaveCount(0);
    await markLive(page);

    const newName = `${productName} Pro`;
    await rename(editorPage, productName, newName, 'Now with live updates.');
    setup.productName = newName;

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(newName, { timeout: 5_000 });
    await expect(page.getByText('Now with live updates.')).toBeVisible({ timeout: 5_000 });
    await expect(page.getByText(`Updated by ${editor.name} just now`)).toBeVisible();
    await stillSameDocument(page);
    // The editor's own page says nothing about its own change.
    await expect(editorPage.getByText(/Updated by/)).toHaveCount(0);
  });
});

test('a renamed product appears in another browser’s portfolio and switcher without a reload', async ({
  page,
  browser,
}) => {
  const { productName } = setup;
  await withEditorBeside(browser, page, '/portfolio', async (editorPage) => {
    await expect(page.getByRole('link', { name: productName, exact: true })).toBeVisible();
    await markLive(page);

    const newName = `${productName} ${Date.now().toString(36)}`;
    await rename(editorPage, productName, newName);
    setup.productName = newName;

    await expect(page.getByRole('link', { name: newName, exact: true })).toBeVisible({ timeout: 5_000 });
    await expect(page.getByRole('link', { name: productName, exact: true })).toHaveCount(0);
    await expect(page.getByLabel('Product', { exact: true }).locator('option', { hasText: newName })).toHaveCount(1, {
      timeout: 5_000,
    });
    await stillSameDocument(page);
  });
});

test('a page whose session ended elsewhere goes to the sign-in page by itself', async ({
  page,
  playwright,
  baseURL,
}) => {
  const { productId, productName, editor, viewer } = setup;
  await loginAndLand(page, viewer.email, PASSWORD);
  await page.goto(`/products/${productId}/overview`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(productName);
  await expect(page.getByTitle('Live updates: on')).toBeVisible();

  // Log out with the page's own cookie (as another tab would), then let the workspace change
  // so the stream wakes up and checks its session.
  expect((await page.request.post('/api/v1/auth/logout')).ok()).toBe(true);
  const api = await playwright.request.newContext({ baseURL });
  try {
    const login = await api.post('/api/v1/auth/login', {
      data: { email: editor.email, password: PASSWORD },
    });
    const { token } = await login.json();
    const res = await api.patch(`/api/v1/products/${productId}`, {
      data: { description: `Changed at ${Date.now()}` },
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.ok()).toBe(true);
  } finally {
    await api.dispose();
  }

  await expect(page).toHaveURL(/\/login$/, { timeout: 5_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('an edit on an item page appears on the same item page in another browser without a reload', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  const { productId, owner, viewer } = setup;
  const api = await playwright.request.newContext({ baseURL });
  const token = await apiToken(api, owner.email, PASSWORD);
  const item = await apiCall(api, token, 'POST', `/products/${productId}/items`, {
    type: 'story',
    title: `Hover hold ${suffix}`,
  });
  await api.dispose();
  const itemPath = `/products/${productId}/items/${item.key}`;

  const ownerContext = await browser.newContext();
  const a = await otherPage(ownerContext);
  try {
    await loginAndLand(a.page, owner.email, PASSWORD);
    await loginAndLand(page, viewer.email, PASSWORD);
    await a.page.goto(itemPath);
    await page.goto(itemPath);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Story Hover hold ${suffix}`);
    await expect(page.getByRole('button', { name: 'Edit details' })).toHaveCount(0);
    await markLive(page);

    // The Product Owner renames the story and estimates it on their page.
    await a.page.getByRole('button', { name: 'Edit details' }).click();
    const form = a.page.getByRole('form', { name: 'Edit details' });
    await form.getByLabel('Title').fill(`Hover hold in gusts ${suffix}`);
    await form.getByRole('button', { name: 'Save details' }).click();
    await expect(a.page.getByRole('heading', { level: 1 })).toHaveText(`Story Hover hold in gusts ${suffix}`);
    await a.page.getByLabel('Points').selectOption('5');
    await expect(a.page.getByLabel('Points')).toHaveValue('5');

    // The stakeholder's open page shows both without a reload.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Story Hover hold in gusts ${suffix}`, {
      timeout: 5_000,
    });
    await expect(page.locator('#item-points')).toHaveText('5', { timeout: 5_000 });
    await stillSameDocument(page);
    expect(a.problems).toEqual([]);
  } finally {
    await ownerContext.close();
  }
});
