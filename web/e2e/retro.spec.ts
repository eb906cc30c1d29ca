// Sprint review, retrospective and release commitment against the real server: a stakeholder
// captures feedback in the review, the Product Owner writes its notes, a team member adds a
// retro card, votes for it, makes an action item of it and ticks it done, and the Product Owner
// commits a release plan and sees a later addition recorded as a scope change. The product, its
// people, team, sprint and items are made for this file, so no other spec is touched.
import { expect, test } from './fixtures';
import { apiCall, apiToken, DEMO_PASSWORD, loginAndLand } from './helpers';

const PASSWORD = 'retro-e2e-pass';
const suffix = Date.now().toString(36).toUpperCase().slice(-5);

interface Person {
  email: string;
  name: string;
}

interface Setup {
  productId: string;
  sprintId: string;
  releaseId: string;
  po: Person;
  dev: Person;
  stakeholder: Person;
  acceptedKey: string;
  openKey: string;
  laterKey: string;
}

let setup: Setup;

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  try {
    const admin = await apiToken(api, 'admin@skylift.example', DEMO_PASSWORD);
    const product = await apiCall(api, admin, 'POST', '/products', {
      key: `V${suffix}`.slice(0, 8),
      name: `Reviews ${suffix}`,
      description: 'Made by the review and retrospective e2e test.',
      stage: 'development',
    });
    const low = suffix.toLowerCase();
    const po: Person = { email: `rv-po-${low}@skylift.example`, name: `Pia PO ${suffix}` };
    const dev: Person = { email: `rv-dev-${low}@skylift.example`, name: `Dana Dev ${suffix}` };
    const stakeholder: Person = { email: `rv-sh-${low}@skylift.example`, name: `Stan Stake ${suffix}` };
    const ids: Record<string, string> = {};
    for (const [who, role] of [
      [po, 'product_owner'],
      [dev, 'team_member'],
      [stakeholder, 'stakeholder'],
    ] as const) {
      const user = await apiCall(api, admin, 'POST', '/users', { ...who, password: PASSWORD, is_admin: false });
      ids[who.email] = user.id;
      await apiCall(api, admin, 'POST', `/products/${product.id}/roles`, { user_id: user.id, role });
    }
    const team = await apiCall(api, admin, 'POST', '/teams', {
      name: `Falcons ${suffix}`,
      product_id: product.id,
      member_ids: [ids[dev.email]],
    });
    const poToken = await apiToken(api, po.email, PASSWORD);
    // Every move allowed and no Definition of Ready / Done, so the story can be accepted at once.
    await apiCall(api, poToken, 'PATCH', `/products/${product.id}/backlog-settings`, {
      transitions: [],
      definition_of_ready: [],
      definition_of_done: [],
    });
    const accepted = await apiCall(api, poToken, 'POST', `/products/${product.id}/items`, {
      type: 'story',
      title: 'Night mode',
      points: 3,
      criteria: [{ text: 'Given dusk, the preview stays readable', done: true }],
    });
    const open = await apiCall(api, poToken, 'POST', `/products/${product.id}/items`, {
      type: 'story',
      title: 'Obstacle stop',
      points: 5,
    });
    const later = await apiCall(api, poToken, 'POST', `/products/${product.id}/items`, {
      type: 'story',
      title: 'Geofence',
      points: 2,
    });
    const sprint = await apiCall(api, poToken, 'POST', `/products/${product.id}/sprints`, {
      team_id: team.id,
      name: `Sprint ${suffix}`,
      goal: 'Fly at night',
      start_date: '2026-05-04',
      end_date: '2026-05-15',
    });
    await apiCall(api, poToken, 'POST', `/sprints/${sprint.id}/items`, { items: [accepted.key, open.key] });
    await apiCall(api, poToken, 'POST', `/items/${accepted.key}/accept`);
    const release = await apiCall(api, poToken, 'POST', `/products/${product.id}/releases`, { version: '3.0' });
    await apiCall(api, poToken, 'POST', `/releases/${release.id}/items`, { items: [accepted.key, open.key] });
    setup = {
      productId: product.id,
      sprintId: sprint.id,
      releaseId: release.id,
      po,
      dev,
      stakeholder,
      acceptedKey: accepted.key,
      openKey: open.key,
      laterKey: later.key,
    };
  } finally {
    await api.dispose();
  }
});

test('a stakeholder captures feedback in the sprint review', async ({ page }) => {
  await loginAndLand(page, setup.stakeholder.email, PASSWORD);
  await page.goto(`/products/${setup.productId}/sprints/${setup.sprintId}/review`);
  await expect(page.getByRole('heading', { level: 1, name: `Sprint review: Sprint ${suffix}` })).toBeVisible();
  const agenda = page.getByRole('region', { name: 'Agenda' });
  await expect(agenda).toContainText('1 accepted item, 3 points.');
  await expect(agenda.getByRole('link', { name: setup.acceptedKey })).toBeVisible();
  await expect(agenda).toContainText('Given dusk, the preview stays readable');
  await expect(page.getByRole('button', { name: 'Edit notes' })).toHaveCount(0);

  const form = page.getByRole('form', { name: 'Capture feedback' });
  await form.getByLabel('What was said').fill('Obstacle stop must work in rain too');
  await form.getByLabel('From (person or organisation)').fill('Acme Logistics');
  await form.getByRole('radio', { name: 'Negative' }).check();
  await form.getByRole('checkbox', { name: `${setup.openKey} Obstacle stop` }).check();
  await form.getByRole('button', { name: 'Add feedback' }).click();

  const list = page.getByRole('list', { name: 'Feedback captured' });
  const entry = list.getByRole('listitem').filter({ hasText: 'Obstacle stop must work in rain too' });
  await expect(entry).toContainText('Negative');
  await expect(entry).toContainText('Acme Logistics');
  await expect(entry.getByRole('link', { name: setup.openKey })).toBeVisible();
  await expect(entry).toContainText(`Captured by ${setup.stakeholder.name}`);
  await expect(form.getByLabel('What was said')).toHaveValue('');

  // Stored: it is there after a reload, and its author may delete it.
  await page.reload();
  const again = page.getByRole('list', { name: 'Feedback captured' }).getByRole('listitem').filter({ hasText: 'rain too' });
  await expect(again).toBeVisible();
  await expect(again.getByRole('button', { name: /^Delete feedback/ })).toBeVisible();
});

test('the Product Owner writes the review notes in Markdown', async ({ page }) => {
  await loginAndLand(page, setup.po.email, PASSWORD);
  await page.goto(`/products/${setup.productId}/sprints/${setup.sprintId}/review`);
  const notes = page.getByRole('region', { name: 'Notes' });
  await expect(notes).toContainText('No notes yet.');
  await notes.getByRole('button', { name: 'Edit notes' }).click();
  await page.getByLabel('Review notes (Markdown)').fill('## Demo\n\nNight mode shown outdoors.');
  await page.getByRole('button', { name: 'Save notes' }).click();
  await expect(notes.getByRole('heading', { name: 'Demo' })).toBeVisible();
  await expect(notes).toContainText(`by ${setup.po.name}`);

  // A second save starts from the saved version.
  await notes.getByRole('button', { name: 'Edit notes' }).click();
  await page.getByLabel('Review notes (Markdown)').fill('## Demo\n\nNight mode shown outdoors.\n\n## Next\n\nRain tests.');
  await page.getByRole('button', { name: 'Save notes' }).click();
  await expect(notes.getByRole('heading', { name: 'Next' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Notes' }).getByRole('heading', { name: 'Next' })).toBeVisible();
});

test('a team member adds a retro card, votes, makes an action item of it and ticks it done', async ({ page }) => {
  await loginAndLand(page, setup.dev.email, PASSWORD);
  await page.goto(`/products/${setup.productId}/sprints/${setup.sprintId}/retro`);
  await expect(page.getByRole('heading', { level: 1, name: `Retrospective: Sprint ${suffix}` })).toBeVisible();

  const actionsColumn = page.getByRole('region', { name: /^Actions/ });
  await actionsColumn.getByLabel('New card in Actions').fill('Quarantine flaky tests');
  await actionsColumn.getByLabel('New card in Actions').press('Enter');
  const cardList = actionsColumn.getByRole('list', { name: 'Actions cards' });
  await expect(cardList).toContainText('Quarantine flaky tests');
  await expect(actionsColumn.getByLabel('New card in Actions')).toHaveValue('');

  await cardList.getByRole('button', { name: 'Vote for: Quarantine flaky tests (0 votes)' }).click();
  const voted = cardList.getByRole('button', { name: 'Vote for: Quarantine flaky tests (1 vote)' });
  await expect(voted).toHaveAttribute('aria-pressed', 'true');

  await cardList.getByRole('button', { name: 'Make an action item of: Quarantine flaky tests' }).click();
  const form = page.getByRole('form', { name: 'Add an action item' });
  await expect(form.getByLabel('New action item')).toHaveValue('Quarantine flaky tests');
  await expect(form.getByLabel('New action item')).toBeFocused();
  await form.getByLabel('Owner').selectOption({ label: setup.dev.name });
  await form.getByRole('button', { name: 'Add action' }).click();

  const actions = page.getByRole('list', { name: 'Action items' });
  const done = actions.getByRole('checkbox', { name: 'Done: Quarantine flaky tests' });
  await expect(done).not.toBeChecked();
  await expect(actions.getByRole('combobox', { name: 'Owner of: Quarantine flaky tests' })).toHaveValue(/.+/);
  await done.check();
  await expect(actions.getByRole('listitem').filter({ hasText: 'Quarantine flaky tests' })).toContainText(`done by ${setup.dev.name}`);

  // Stored: the vote and the ticked action are there after a reload.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Vote for: Quarantine flaky tests (1 vote)' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('checkbox', { name: 'Done: Quarantine flaky tests' })).toBeChecked();
});

test('the Product Owner commits a release plan and a later addition is a scope change', async ({ page }) => {
  await loginAndLand(page, setup.po.email, PASSWORD);
  await page.goto(`/products/${setup.productId}/releases/${setup.releaseId}`);
  await expect(page.getByRole('heading', { level: 1, name: /Release 3\.0/ })).toBeVisible();
  const scope = page.getByRole('region', { name: 'Scope changes' });
  await expect(scope).toContainText('The plan is not committed yet.');

  await page.getByRole('button', { name: 'Commit plan' }).click();
  await page.getByRole('group', { name: 'Commit the release plan' }).getByRole('button', { name: 'Commit' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Committed the plan' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Commit plan' })).toHaveCount(0);
  await expect(scope).toContainText('Baseline: 2 items, 8 points');
  await expect(scope).toContainText('No scope change since the commit.');

  await page.getByLabel('Add items (keys)').fill(setup.laterKey);
  await page.getByLabel('Reason for the scope change').fill('customer escalation');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const row = scope.getByRole('table', { name: 'Scope changes since the commit' }).getByRole('row').filter({ hasText: setup.laterKey });
  await expect(row).toContainText('Added');
  await expect(row).toContainText('+2');
  await expect(row).toContainText('customer escalation');
  await expect(row).toContainText(setup.po.name);
});
