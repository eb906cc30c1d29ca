// The Product Owner's backlog against the real server: ranking by drag and by keyboard,
// acceptance criteria, planning poker in two browsers, the query bar and saved views. The
// product, its people and its items are made for this file, so no other spec is touched.
import type { Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { apiCall, apiToken, DEMO_PASSWORD, loginAndLand } from './helpers';

const PASSWORD = 'backlog-e2e-pass';
const suffix = Date.now().toString(36).toUpperCase().slice(-5);

interface Setup {
  productId: string;
  productKey: string;
  po: { email: string; name: string };
  team: { email: string; name: string };
  keys: string[];
}

let setup: Setup;

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  try {
    const admin = await apiToken(api, 'admin@skylift.example', DEMO_PASSWORD);
    const productKey = `B${suffix}`.slice(0, 8);
    const product = await apiCall(api, admin, 'POST', '/products', {
      key: productKey,
      name: `Backlog ${suffix}`,
      description: 'Made by the backlog e2e test.',
      stage: 'development',
    });
    const po = { email: `bl-po-${suffix.toLowerCase()}@skylift.example`, name: `Olivia PO ${suffix}` };
    const team = { email: `bl-dev-${suffix.toLowerCase()}@skylift.example`, name: `Tom Dev ${suffix}` };
    for (const [who, role] of [
      [po, 'product_owner'],
      [team, 'team_member'],
    ] as const) {
      const user = await apiCall(api, admin, 'POST', '/users', { ...who, password: PASSWORD, is_admin: false });
      await apiCall(api, admin, 'POST', `/products/${product.id}/roles`, { user_id: user.id, role });
    }
    const poToken = await apiToken(api, po.email, PASSWORD);
    const keys: string[] = [];
    for (const title of ['Night camera mode', 'Longer battery life', 'Obstacle sensors', 'Return-to-home button']) {
      const created = await apiCall(api, poToken, 'POST', `/products/${product.id}/items`, { type: 'story', title });
      keys.push(created.key);
    }
    setup = { productId: product.id, productKey, po, team, keys };
  } finally {
    await api.dispose();
  }
});

function backlogPath(query?: string): string {
  const q = query ? `?query=${encodeURIComponent(query)}` : '';
  return `/products/${setup.productId}/backlog${q}`;
}

async function rowOrder(page: Page): Promise<string[]> {
  const table = page.getByRole('table', { name: 'Ranked backlog items' });
  await expect(table).toBeVisible();
  return table.locator('tbody tr td.mono').allTextContents();
}

test('the Product Owner drags a story to a new rank, and the order survives a reload', async ({ page }) => {
  await loginAndLand(page, setup.po.email, PASSWORD);
  await page.goto(backlogPath());
  const [a, b, c, d] = setup.keys;
  await expect.poll(() => rowOrder(page)).toEqual([a, b, c, d]);

  // Drag the fourth story above the second one.
  const handle = page.getByRole('button', { name: new RegExp(`^Move ${d},`) });
  const target = page.getByRole('button', { name: new RegExp(`^Move ${b},`) });
  await handle.hover();
  await page.mouse.down();
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  for (let i = 1; i <= 20; i++) {
    const y = from.y + from.height / 2 + ((to.y + 2 - (from.y + from.height / 2)) * i) / 20;
    await page.mouse.move(from.x + from.width / 2, y);
  }
  await page.mouse.up();

  await expect.poll(() => rowOrder(page)).toEqual([a, d, b, c]);
  await page.reload();
  await expect.poll(() => rowOrder(page)).toEqual([a, d, b, c]);
});

test('Alt+ArrowUp moves a story one place and says where it went', async ({ page }) => {
  await loginAndLand(page, setup.po.email, PASSWORD);
  await page.goto(backlogPath());
  const before = await rowOrder(page);
  const last = before[before.length - 1];
  await page.getByRole('button', { name: new RegExp(`^Move ${last},`) }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByTestId('backlog-announcer')).toHaveText(
    `${last} moved to position ${before.length - 1} of ${before.length}.`,
  );
  const expected = [...before.slice(0, -2), last, before[before.length - 2]];
  await expect.poll(() => rowOrder(page)).toEqual(expected);
  await page.reload();
  await expect.poll(() => rowOrder(page)).toEqual(expected);
});

test('the Product Owner edits acceptance criteria and they are saved', async ({ page }) => {
  await loginAndLand(page, setup.po.email, PASSWORD);
  const key = setup.keys[0];
  await page.goto(`/products/${setup.productId}/items/${key}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Night camera mode');
  const box = page.getByRole('region', { name: 'Acceptance criteria' });
  for (const text of ['Given dusk, when recording, then the picture is usable', 'Noise stays low']) {
    await box.getByLabel('New criterion').fill(text);
    await box.getByLabel('New criterion').press('Enter');
  }
  await box.getByRole('button', { name: 'Move criterion 2 up' }).click();
  await box.getByRole('checkbox', { name: 'Criterion 1 met' }).check();
  await box.getByRole('textbox', { name: 'Criterion 2', exact: true }).fill('Given dusk, when recording, then the picture is sharp');
  await box.getByRole('button', { name: 'Save criteria' }).click();
  await expect(box.getByRole('button', { name: 'Save criteria' })).toBeDisabled();

  await page.reload();
  const saved = page.getByRole('region', { name: 'Acceptance criteria' });
  await expect(saved.getByRole('textbox', { name: 'Criterion 1', exact: true })).toHaveValue('Noise stays low');
  await expect(saved.getByRole('checkbox', { name: 'Criterion 1 met' })).toBeChecked();
  await expect(saved.getByRole('textbox', { name: 'Criterion 2', exact: true })).toHaveValue('Given dusk, when recording, then the picture is sharp');
});

test('planning poker: the team member votes in another browser and both see the reveal', async ({ page, browser }) => {
  const key = setup.keys[1];
  await loginAndLand(page, setup.po.email, PASSWORD);
  await page.goto(`/products/${setup.productId}/items/${key}`);
  await page.getByRole('button', { name: 'Start planning poker' }).click();
  await expect(page).toHaveURL(/\/poker\//);
  const roomUrl = new URL(page.url()).pathname;
  await expect(page.getByTitle('Live updates: on')).toBeVisible();

  const teamContext = await browser.newContext();
  try {
    const teamPage = await teamContext.newPage();
    const problems: string[] = [];
    teamPage.on('pageerror', (err) => problems.push(err.message));
    await loginAndLand(teamPage, setup.team.email, PASSWORD);
    await teamPage.goto(roomUrl);
    await expect(teamPage.getByText('Voting: values stay hidden until the reveal.')).toBeVisible();
    await expect(teamPage.getByRole('button', { name: 'Reveal' })).toHaveCount(0);
    await expect(teamPage.getByTitle('Live updates: on')).toBeVisible();

    await teamPage.getByRole('group', { name: 'Your vote' }).getByRole('button', { name: '8', exact: true }).click();
    await expect(teamPage.getByText('Your vote: 8')).toBeVisible();
    await page.getByRole('group', { name: 'Your vote' }).getByRole('button', { name: '3', exact: true }).click();

    // The PO sees that Tom voted, but not what.
    const votes = page.getByRole('list', { name: 'Votes' });
    await expect(votes.getByText(setup.team.name)).toBeVisible();
    // (Names carry a random suffix that may hold digits: look at the value cells, not the text.)
    await expect(votes.getByText('voted', { exact: true })).toHaveCount(2);
    await expect(votes.locator('.poker-value')).toHaveCount(0);

    await page.getByRole('button', { name: 'Reveal' }).click();
    await expect(page.getByText('Votes revealed.')).toBeVisible();
    await expect(teamPage.getByText('Votes revealed.')).toBeVisible({ timeout: 5_000 });
    const revealed = teamPage.getByRole('list', { name: 'Votes' }).getByRole('listitem');
    await expect(revealed.filter({ hasText: setup.team.name }).locator('.poker-value')).toHaveText('8');
    await expect(revealed.filter({ hasText: setup.po.name }).locator('.poker-value')).toHaveText('3');

    const finish = page.getByRole('form', { name: 'Finish the round' });
    await finish.getByLabel('Estimate').selectOption('5');
    await finish.getByRole('button', { name: 'Finish' }).click();
    await expect(page.getByText('Finished: the estimate is 5 points.')).toBeVisible();
    await expect(teamPage.getByText('Finished: the estimate is 5 points.')).toBeVisible({ timeout: 5_000 });
    expect(problems).toEqual([]);
  } finally {
    await teamContext.close();
  }

  await page.goto(`/products/${setup.productId}/items/${key}`);
  await expect(page.getByLabel('Points')).toHaveValue('5');
});

test('a query with a typo shows where the error is', async ({ page }) => {
  await loginAndLand(page, setup.po.email, PASSWORD);
  await page.goto(backlogPath());
  const input = page.getByRole('combobox', { name: 'Query' });
  await input.fill('type = story AND pionts >= 3');
  await input.press('Escape');
  await page.getByRole('button', { name: 'Apply' }).click();
  const caret = page.getByTestId('query-caret');
  await expect(caret).toBeVisible();
  const [line, marker] = (await caret.textContent())!.split('\n');
  expect(line).toBe('type = story AND pionts >= 3');
  // The caret sits somewhere at or after the misspelt field, not at the start.
  expect(marker.indexOf('^')).toBeGreaterThanOrEqual(17);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
});

test('a saved view reopens with its query', async ({ page }) => {
  await loginAndLand(page, setup.po.email, PASSWORD);
  await page.goto(backlogPath());
  const input = page.getByRole('combobox', { name: 'Query' });
  await input.fill('title ~ "battery"');
  await input.press('Escape');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => rowOrder(page)).toEqual([setup.keys[1]]);

  const name = `Battery ${suffix}`;
  const form = page.getByRole('form', { name: 'Save view' });
  await form.getByLabel('View name').fill(name);
  await form.getByLabel(/Shared with the product/).check();
  await form.getByRole('button', { name: 'Save view' }).click();
  await expect(page.getByRole('button', { name, exact: true })).toBeVisible();

  await page.goto(backlogPath());
  await expect.poll(async () => (await rowOrder(page)).length).toBe(4);
  await page.getByRole('button', { name, exact: true }).click();
  await expect(input).toHaveValue('title ~ "battery"');
  await expect.poll(() => rowOrder(page)).toEqual([setup.keys[1]]);
});
