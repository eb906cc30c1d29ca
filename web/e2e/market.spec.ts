// Market and competition against the real server and the demo workspace: Alice (the Product
// Manager of X2) opens the Market page, adds a competitor, adds a capability to the comparison
// matrix, rates the competitor "better" there with a note, reloads and finds the cell, its
// note and the competitor's gap persisted. The competitor and the row are named for this file
// (a unique suffix), so other specs' data is not touched.
import { expect, test } from './fixtures';
import { apiCall, apiToken, DEMO_PASSWORD, loginAndLand } from './helpers';

const suffix = Date.now().toString(36).toUpperCase().slice(-5);
const competitorName = `Rotorix ${suffix}`;
const capability = `Swappable payload bay ${suffix}`;

let productId: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  try {
    const alice = await apiToken(api, 'alice@skylift.example', DEMO_PASSWORD);
    const me = await apiCall(api, alice, 'GET', '/me');
    productId = me.products.find((p: { key: string }) => p.key === 'X2').id;
  } finally {
    await api.dispose();
  }
});

test('the PM adds a competitor and a comparison row, rates the competitor better, and it persists', async ({ page }) => {
  await loginAndLand(page, 'alice@skylift.example');
  await page.goto(`/products/${productId}/strategy`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Market' }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${productId}/market$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Market' })).toBeVisible();

  // A competitor, from the Competitors tab.
  await page.getByRole('button', { name: 'New competitor' }).click();
  const form = page.getByRole('form', { name: 'New competitor' });
  await form.getByLabel(/^Name/).fill(competitorName);
  await form.getByLabel(/^Website/).fill('https://rotorix.example');
  await form.getByLabel(/^Threat/).selectOption('high');
  await form.getByLabel(/^Pricing/).fill('from 9,900 EUR');
  await form.getByRole('button', { name: 'Add strength' }).click();
  await form.getByLabel('Strength 1', { exact: true }).fill('Cheap airframes');
  await form.getByRole('button', { name: 'Save competitor' }).click();
  await expect(form).toHaveCount(0);
  const listed = page.getByRole('row').filter({ has: page.getByRole('link', { name: competitorName }) });
  await expect(listed).toContainText('High threat');
  await expect(listed).toContainText('from 9,900 EUR');

  // A capability in the comparison matrix, and the competitor rated "better" there.
  await page.getByRole('navigation', { name: 'Market' }).getByRole('link', { name: 'Comparison matrix' }).click();
  await expect(page).toHaveURL(/\?tab=matrix$/);
  const addRow = page.getByRole('form', { name: 'Add a capability' });
  await addRow.getByLabel(/^Capability/).fill(capability);
  await addRow.getByRole('button', { name: 'Add row' }).click();
  const matrix = page.getByRole('table', { name: 'Feature comparison' });
  await expect(matrix.getByRole('rowheader', { name: capability })).toBeVisible();
  const cell = matrix.getByRole('combobox', { name: `${capability}: ${competitorName}` });
  await expect(cell).toHaveValue('unknown');
  const saved = page.waitForResponse(
    (r) => r.request().method() === 'PUT' && r.url().includes('/comparison-rows/') && r.url().includes('/cells/'),
  );
  await cell.selectOption('better');
  expect((await saved).ok()).toBe(true);
  await expect(cell).toHaveValue('better');

  // A note on the cell, kept with its reading.
  const label = `${capability}: ${competitorName}`;
  await matrix.getByRole('button', { name: `Add note: ${label}` }).click();
  const noteForm = matrix.getByRole('form', { name: `Note for ${label}` });
  await noteForm.getByLabel('Note').fill('Payload swap in 30 s, without tools');
  await noteForm.getByRole('button', { name: 'Save note' }).click();
  await expect(noteForm).toHaveCount(0);
  await expect(matrix.getByRole('button', { name: `Edit note: ${label}` })).toBeVisible();

  // After a reload the cell still reads "better" with its note, and the competitor shows the gap.
  await page.reload();
  const reloaded = page
    .getByRole('table', { name: 'Feature comparison' })
    .getByRole('combobox', { name: `${capability}: ${competitorName}` });
  await expect(reloaded).toHaveValue('better');
  await expect(reloaded.locator('option:checked')).toHaveText('better');
  await expect(reloaded.locator('xpath=ancestor::td')).toContainText('Payload swap in 30 s, without tools');

  await page.getByRole('navigation', { name: 'Market' }).getByRole('link', { name: 'Competitors' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: competitorName }) });
  await expect(row).toContainText('gap 1');
  await expect(row).toContainText('better 1');

  // The competitor's own page has its summary too.
  await row.getByRole('link', { name: competitorName }).click();
  await expect(page.getByRole('heading', { level: 1, name: competitorName })).toBeVisible();
  await expect(page.getByTestId('competitor-comparison')).toContainText('better 1');
  await expect(page.getByRole('list', { name: 'Strengths' })).toContainText('Cheap airframes');
});

test('a stakeholder has no Market page', async ({ page }) => {
  await loginAndLand(page, 'erin@skylift.example');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Market' })).toHaveCount(0);
  await page.goto(`/products/${productId}/market`);
  await expect(page.getByText(/Market and competition are for the product's team/)).toBeVisible();
});
