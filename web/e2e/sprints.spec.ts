// Sprints against the real server: a sprint planned past its capacity shows the warning; once
// started, an item added with a reason shows on the scope-change report and on the burndown's
// text alternative; completing it carries the unfinished items over to the next sprint, where
// they show. The product, its people, team and items are made for this file.
import type { APIRequestContext } from '@playwright/test';

import { expect, test } from './fixtures';
import { apiCall, apiToken, DEMO_PASSWORD, loginAndLand } from './helpers';

const PASSWORD = 'sprint-e2e-pass';
const suffix = Date.now().toString(36).toUpperCase().slice(-5);

interface Setup {
  productId: string;
  po: { email: string; name: string };
  dev: { name: string };
  nextSprint: string;
  /** Stories: a (5 points), b (8), c (3, added after the start). */
  keys: { a: string; b: string; c: string };
  ids: { a: string };
}

let setup: Setup;
const sprintName = `Sprint ${suffix}`;
const nextName = `Sprint ${suffix} next`;

function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  try {
    const admin = await apiToken(api, 'admin@skylift.example', DEMO_PASSWORD);
    const product = await apiCall(api, admin, 'POST', '/products', {
      key: `S${suffix}`.slice(0, 8),
      name: `Sprints ${suffix}`,
      description: 'Made by the sprint e2e test.',
      stage: 'development',
    });
    const po = { email: `sp-po-${suffix.toLowerCase()}@skylift.example`, name: `Pia PO ${suffix}` };
    const dev = { email: `sp-dev-${suffix.toLowerCase()}@skylift.example`, name: `Dan Dev ${suffix}` };
    const ids: Record<string, string> = {};
    for (const [who, role] of [
      [po, 'product_owner'],
      [dev, 'team_member'],
    ] as const) {
      const user = await apiCall(api, admin, 'POST', '/users', { ...who, password: PASSWORD, is_admin: false });
      await apiCall(api, admin, 'POST', `/products/${product.id}/roles`, { user_id: user.id, role });
      ids[who.email] = user.id;
    }
    const team = await apiCall(api, admin, 'POST', '/teams', {
      name: `Team ${suffix}`,
      product_id: product.id,
      member_ids: [ids[dev.email]],
    });
    const poToken = await apiToken(api, po.email, PASSWORD);
    // No Definition of Ready or Done: stories move straight through the workflow.
    await apiCall(api, poToken, 'PATCH', `/products/${product.id}/backlog-settings`, {
      definition_of_ready: [],
      definition_of_done: [],
    });
    const story = async (title: string, points: number) =>
      apiCall(api, poToken, 'POST', `/products/${product.id}/items`, { type: 'story', title, points });
    const a = await story(`Wind tunnel run ${suffix}`, 5);
    const b = await story(`Battery swap ${suffix}`, 8);
    const c = await story(`Night LEDs ${suffix}`, 3);
    const next = await apiCall(api, poToken, 'POST', `/products/${product.id}/sprints`, {
      team_id: team.id,
      name: nextName,
      goal: 'What comes next',
      start_date: day(14),
      end_date: day(27),
    });
    setup = {
      productId: product.id,
      po,
      dev,
      nextSprint: next.id,
      keys: { a: a.key, b: b.key, c: c.key },
      ids: { a: a.id },
    };
  } finally {
    await api.dispose();
  }
});

async function moveTo(api: APIRequestContext, token: string, id: string, statuses: string[]) {
  let version = (await apiCall(api, token, 'GET', `/items/${id}`)).version;
  for (const status of statuses) {
    const res = await api.fetch(`/api/v1/items/${id}`, {
      method: 'PATCH',
      data: { status },
      headers: { Authorization: `Bearer ${token}`, 'If-Match': `"${version}"` },
    });
    expect(res.ok(), await res.text()).toBe(true);
    version = (await res.json()).version;
  }
}

test('plans a sprint past its capacity and sees the warning', async ({ page }) => {
  await loginAndLand(page, setup.po.email, PASSWORD);
  await page.goto(`/products/${setup.productId}/sprints`);
  await page.getByRole('button', { name: 'New sprint' }).click();
  const form = page.getByRole('form', { name: 'New sprint' });
  await form.getByLabel('Name').fill(sprintName);
  await form.getByLabel('Goal').fill('Prove the 45-minute flight');
  await form.getByLabel('Team').selectOption({ label: `Team ${suffix}` });
  await form.getByLabel('Start', { exact: true }).fill(day(0));
  await form.getByLabel('End', { exact: true }).fill(day(13));
  await form.getByRole('button', { name: 'Create sprint' }).click();
  await expect(page.getByRole('heading', { level: 1, name: sprintName })).toBeVisible();

  // Capacity: the developer delivers 10 points.
  await page.getByRole('button', { name: 'Edit capacity' }).click();
  const capacity = page.getByRole('form', { name: 'Capacity per member' });
  await capacity.getByLabel('Add a member').selectOption({ label: setup.dev.name });
  await capacity.getByRole('button', { name: 'Add member' }).click();
  await capacity.getByLabel(`Capacity of ${setup.dev.name}`).fill('10');
  await capacity.getByRole('button', { name: 'Save capacity' }).click();
  await expect(page.getByText('Capacity saved.')).toBeVisible();
  await expect(page.getByText(/^Total: 10 points over/)).toBeVisible();

  // 5 + 8 points against a capacity of 10.
  for (const key of [setup.keys.a, setup.keys.b]) {
    await page.getByRole('button', { name: `Add ${key} to the sprint` }).click();
    await expect(page.getByText(`Added ${key} to the sprint.`)).toBeVisible();
  }
  const inSprint = page.getByRole('table', { name: 'Items in the sprint' });
  await expect(inSprint.getByRole('link', { name: setup.keys.b })).toBeVisible();
  await expect(page.getByRole('meter', { name: 'Points planned against capacity' })).toHaveAttribute(
    'aria-valuetext',
    '13 of 10 points (capacity), over',
  );
  const warning = page.locator('.warning-box li[data-code="over_capacity"]');
  await expect(warning).toHaveText('13 points planned, capacity 10');
});

test('starts the sprint, adds an item and sees it on the scope-change report and the burndown', async ({ page }) => {
  await loginAndLand(page, setup.po.email, PASSWORD);
  await page.goto(`/products/${setup.productId}/sprints`);
  await page.getByRole('link', { name: sprintName, exact: true }).click();
  await page.getByRole('button', { name: 'Start sprint' }).click();
  await expect(page.getByText('Sprint started: 13 points committed.')).toBeVisible();

  await page.getByLabel('Reason for the change').fill('The customer demo needs it');
  await page.getByRole('button', { name: `Add ${setup.keys.c} to the sprint` }).click();
  await expect(page.getByText(`Added ${setup.keys.c} to the sprint.`)).toBeVisible();

  // The scope-change list: what, who and why.
  const changes = page.getByRole('table', { name: 'Scope changes' });
  const row = changes.getByRole('row').filter({ hasText: setup.keys.c });
  await expect(row).toContainText('Added');
  await expect(row).toContainText('+3');
  await expect(row).toContainText(setup.po.name);
  await expect(row).toContainText('The customer demo needs it');
  // The report's "added after the start".
  const added = page.getByRole('table', { name: 'Added after the start' });
  await expect(added).toContainText(setup.keys.c);
  await expect(added).toContainText('The customer demo needs it');

  // The burndown's text alternative: the summary and today's row of its table.
  const burndown = page.getByRole('figure', { name: 'Burndown' });
  await expect(burndown.locator('.chart-summary')).toContainText(`Scope changes: ${setup.keys.c} +3 on`);
  await burndown.getByText('Burndown as a table').click();
  const table = burndown.getByRole('table', { name: 'Burndown: points remaining per day' });
  await expect(table.getByRole('row').nth(1)).toContainText(`${setup.keys.c} +3`);
  await expect(table.getByRole('row').nth(1)).toContainText('16');
  await expect(burndown.locator('svg').first()).toBeVisible();
});

test('completes the sprint carrying the unfinished items over to the next sprint', async ({ page, playwright, baseURL }) => {
  // One story is done by now.
  const api = await playwright.request.newContext({ baseURL });
  try {
    const token = await apiToken(api, setup.po.email, PASSWORD);
    await moveTo(api, token, setup.ids.a, ['ready', 'in_progress', 'done']);
  } finally {
    await api.dispose();
  }

  await loginAndLand(page, setup.po.email, PASSWORD);
  await page.goto(`/products/${setup.productId}/sprints?status=active`);
  await page.getByRole('link', { name: sprintName, exact: true }).click();
  await page.getByRole('button', { name: 'Complete sprint' }).click();
  const form = page.getByRole('form', { name: 'Complete the sprint' });
  await expect(form).toContainText(`2 unfinished items (${setup.keys.b}, ${setup.keys.c}) leave the sprint.`);
  await form.getByRole('radio', { name: /the next sprint/ }).check();
  await form.getByRole('combobox', { name: /Next sprint/ }).selectOption({ label: `${nextName} (${day(14)} – ${day(27)})` });
  await form.getByRole('button', { name: 'Complete sprint' }).click();
  await expect(page.getByText('Sprint completed: 5 of 13 points done.')).toBeVisible();

  const carried = page.getByRole('table', { name: 'Unfinished at completion' });
  await expect(carried).toContainText(setup.keys.b);
  await expect(carried).toContainText(setup.keys.c);
  await expect(page.getByRole('table', { name: 'Done', exact: true })).toContainText(setup.keys.a);
  await carried.getByRole('row').filter({ hasText: setup.keys.b }).getByRole('link', { name: 'the next sprint' }).click();

  await expect(page.getByRole('heading', { level: 1, name: nextName })).toBeVisible();
  const inNext = page.getByRole('table', { name: 'Items in the sprint' });
  await expect(inNext.getByRole('link', { name: setup.keys.b })).toBeVisible();
  await expect(inNext.getByRole('link', { name: setup.keys.c })).toBeVisible();
  await expect(inNext.getByRole('link', { name: setup.keys.a })).toHaveCount(0);
});
