// The board against the real server: dragging a card across assignee lanes and across
// columns (the change survives a reload), the keyboard's Move to… menu, and a WIP-limit
// refusal shown on the card. The product, its people and its items are made for this file.
import type { Locator, Page } from '@playwright/test';

import { expect, test } from './fixtures';
import { apiCall, apiToken, DEMO_PASSWORD, loginAndLand } from './helpers';

const PASSWORD = 'board-e2e-pass';
const suffix = Date.now().toString(36).toUpperCase().slice(-5);

interface Person {
  email: string;
  name: string;
  id: string;
}

interface Setup {
  productId: string;
  po: Person;
  dev: Person;
  /** Bugs: a (dev's, ready), b (unassigned, ready), c (in progress, filling its WIP limit of 1), d (dev's, new). */
  keys: { a: string; b: string; c: string; d: string };
}

let setup: Setup;

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  try {
    const admin = await apiToken(api, 'admin@skylift.example', DEMO_PASSWORD);
    const product = await apiCall(api, admin, 'POST', '/products', {
      key: `K${suffix}`.slice(0, 8),
      name: `Board ${suffix}`,
      description: 'Made by the board e2e test.',
      stage: 'development',
    });
    const people: Person[] = [];
    for (const [who, role] of [
      [{ email: `bd-po-${suffix.toLowerCase()}@skylift.example`, name: `Paula PO ${suffix}` }, 'product_owner'],
      [{ email: `bd-dev-${suffix.toLowerCase()}@skylift.example`, name: `Theo Dev ${suffix}` }, 'team_member'],
    ] as const) {
      const user = await apiCall(api, admin, 'POST', '/users', { ...who, password: PASSWORD, is_admin: false });
      await apiCall(api, admin, 'POST', `/products/${product.id}/roles`, { user_id: user.id, role });
      people.push({ ...who, id: user.id });
    }
    const [po, dev] = people;
    const poToken = await apiToken(api, po.email, PASSWORD);
    const settings = await apiCall(api, poToken, 'GET', `/products/${product.id}/backlog-settings`);
    const statuses = settings.statuses.map((s: { key: string }) =>
      s.key === 'in_progress' ? { ...s, wip_limit: 1 } : s,
    );
    await apiCall(api, poToken, 'PATCH', `/products/${product.id}/backlog-settings`, { statuses });
    const bug = async (title: string, fields: Record<string, unknown>, statuses: string[]) => {
      const created = await apiCall(api, poToken, 'POST', `/products/${product.id}/items`, {
        type: 'bug',
        title,
        ...fields,
      });
      let version = created.version;
      for (const status of statuses) {
        const res = await api.fetch(`/api/v1/items/${created.id}`, {
          method: 'PATCH',
          data: { status },
          headers: { Authorization: `Bearer ${poToken}`, 'If-Match': `"${version}"` },
        });
        expect(res.ok(), await res.text()).toBe(true);
        version = (await res.json()).version;
      }
      return created.key as string;
    };
    const a = await bug('Gimbal drifts in wind', { assignee_id: dev.id }, ['ready']);
    const b = await bug('Battery gauge jumps', {}, ['ready']);
    const c = await bug('Camera freezes at dusk', {}, ['ready', 'in_progress']);
    const d = await bug('Propeller noise', { assignee_id: dev.id }, []);
    setup = { productId: product.id, po, dev, keys: { a, b, c, d } };
  } finally {
    await api.dispose();
  }
});

function boardPath(params = ''): string {
  return `/products/${setup.productId}/board${params}`;
}

function cell(page: Page, lane: string, column: string): Locator {
  return page.getByRole('region', { name: `${lane}, ${column}`, exact: true });
}

function card(page: Page, key: string): Locator {
  return page.locator(`li[data-card="${key}"]`);
}

async function drag(page: Page, handle: Locator, target: Locator) {
  await handle.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await target.scrollIntoViewIfNeeded();
  const to = (await target.boundingBox())!;
  const start = (await handle.boundingBox())!;
  const [x0, y0] = [start.x + start.width / 2, start.y + start.height / 2];
  const [x1, y1] = [to.x + to.width / 2, to.y + Math.min(to.height / 2, 30)];
  for (let i = 1; i <= 20; i++) {
    await page.mouse.move(x0 + ((x1 - x0) * i) / 20, y0 + ((y1 - y0) * i) / 20);
  }
  await page.mouse.up();
}

test('the Product Owner drags a card across assignee lanes and across columns, and it stays after a reload', async ({
  page,
}) => {
  const { po, dev, keys } = setup;
  await loginAndLand(page, po.email, PASSWORD);
  await page.goto(boardPath('?swimlane=assignee'));
  await expect(card(page, keys.b)).toBeVisible();
  await expect(cell(page, 'Unassigned', 'Ready').locator(`li[data-card="${keys.b}"]`)).toBeVisible();
  // The column that is full shows its limit.
  await expect(page.locator('.board-column-head[data-status="in_progress"]')).toContainText('1 / 1');

  // Across lanes: from Unassigned to the developer, same column.
  await drag(page, page.getByRole('button', { name: `Drag ${keys.b}` }), cell(page, dev.name, 'Ready'));
  await expect(cell(page, dev.name, 'Ready').locator(`li[data-card="${keys.b}"]`)).toBeVisible();
  await expect(card(page, keys.b)).toContainText(dev.name);

  // Across columns: Ready → New in the same lane.
  await drag(page, page.getByRole('button', { name: `Drag ${keys.b}` }), cell(page, dev.name, 'New'));
  await expect(cell(page, dev.name, 'New').locator(`li[data-card="${keys.b}"]`)).toBeVisible();
  await expect(card(page, keys.b).getByRole('alert')).toHaveCount(0);

  await page.reload();
  await expect(cell(page, dev.name, 'New').locator(`li[data-card="${keys.b}"]`)).toBeVisible();
  await expect(cell(page, 'Unassigned', 'Ready').locator(`li[data-card="${keys.b}"]`)).toHaveCount(0);
});

test('moving a card into a full column is refused with the WIP limit on the card, which stays put', async ({
  page,
}) => {
  const { dev, keys } = setup;
  await loginAndLand(page, dev.email, PASSWORD);
  await page.goto(boardPath());
  await expect(cell(page, 'All items', 'Ready').locator(`li[data-card="${keys.a}"]`)).toBeVisible();
  // Their own cards and unassigned ones have a handle.
  await expect(page.getByRole('button', { name: `Drag ${keys.c}` })).toBeVisible();

  await drag(page, page.getByRole('button', { name: `Drag ${keys.a}` }), cell(page, 'All items', 'In progress'));
  const alert = card(page, keys.a).getByRole('alert');
  await expect(alert).toContainText('the WIP limit of In progress (1) is reached');
  await expect(cell(page, 'All items', 'Ready').locator(`li[data-card="${keys.a}"]`)).toBeVisible();
  await expect(cell(page, 'All items', 'In progress').locator(`li[data-card="${keys.a}"]`)).toHaveCount(0);
});

test('the keyboard moves a card with its Move to… menu', async ({ page }) => {
  const { dev, keys } = setup;
  await loginAndLand(page, dev.email, PASSWORD);
  await page.goto(boardPath('?swimlane=priority'));
  await expect(cell(page, 'Medium', 'New').locator(`li[data-card="${keys.d}"]`)).toBeVisible();
  await page.getByRole('button', { name: `Move ${keys.d} to…` }).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('form', { name: `Move ${keys.d}` });
  await menu.getByLabel('Column').selectOption({ label: 'Ready' });
  await menu.getByLabel('Lane').selectOption({ label: 'Highest' });
  await menu.getByRole('button', { name: 'Move' }).press('Enter');
  await expect(cell(page, 'Highest', 'Ready').locator(`li[data-card="${keys.d}"]`)).toBeVisible();
  await page.reload();
  await expect(cell(page, 'Highest', 'Ready').locator(`li[data-card="${keys.d}"]`)).toBeVisible();
});
