// The customer voice against the real server and the demo workspace: Erin (a stakeholder)
// gives feedback and votes for an idea; Alice (the Product Manager) finds the feedback in the
// inbox and triages it by linking it to that idea; then she logs a talk with a stakeholder and
// reads the stakeholder update (rendered, and as the server's HTML). The idea, the feedback and
// the log entry are made for this file, so other specs' data is not touched.
import { expect, test } from './fixtures';
import { apiCall, apiToken, DEMO_PASSWORD, loginAndLand } from './helpers';

const suffix = Date.now().toString(36).toUpperCase().slice(-5);
const ideaTitle = `Swappable payload bay ${suffix}`;
const feedbackText = `Pilots want to swap the camera for a sensor in the field (${suffix}).`;

let productId: string;
let ideaId: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  try {
    const alice = await apiToken(api, 'alice@skylift.example', DEMO_PASSWORD);
    const me = await apiCall(api, alice, 'GET', '/me');
    productId = me.products.find((p: { key: string }) => p.key === 'X2').id;
    const idea = await apiCall(api, alice, 'POST', `/products/${productId}/ideas`, {
      title: ideaTitle,
      problem: 'Inspection customers carry **two** drones today.',
    });
    ideaId = idea.id;
  } finally {
    await api.dispose();
  }
});

test('a stakeholder gives feedback and votes; the PM triages the feedback', async ({ page }) => {
  // Erin gives feedback from the Feedback page.
  await loginAndLand(page, 'erin@skylift.example');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Stakeholders' })).toHaveCount(0);
  await page.goto(`/products/${productId}/feedback`);
  await page.getByRole('button', { name: 'Give feedback' }).click();
  const form = page.getByRole('form', { name: 'Give feedback' });
  await form.getByLabel('What did you hear?').fill(feedbackText);
  await form.getByLabel('Source').selectOption('trade_fair');
  await form.getByLabel('Sentiment').selectOption('positive');
  await form.getByLabel('Customer').selectOption({ label: 'Nordic Grid Inspection AS' });
  await form.getByRole('button', { name: 'Submit feedback' }).click();
  await expect(page.getByRole('status')).toContainText('your feedback is in the inbox');
  const mine = page.getByRole('listitem').filter({ hasText: feedbackText });
  await expect(mine).toContainText('Trade fair');
  await expect(mine).toContainText('Nordic Grid Inspection AS');
  await expect(mine.getByRole('button', { name: 'Mark triaged' })).toHaveCount(0);

  // Erin votes for the idea, from the ideas list.
  await nav.getByRole('link', { name: 'Ideas' }).click();
  await page.getByRole('link', { name: ideaTitle }).click();
  await expect(page.getByRole('heading', { level: 1, name: ideaTitle })).toBeVisible();
  await expect(page.getByRole('strong')).toHaveText('two');
  await expect(page.getByTestId('idea-votes')).toHaveText('0');
  await page.getByRole('button', { name: 'Vote', exact: true }).click();
  await expect(page.getByText('You voted for this idea.')).toBeVisible();
  await expect(page.getByTestId('idea-votes')).toHaveText('1');
  await expect(page.getByRole('form', { name: 'Decide' })).toHaveCount(0);

  // Alice finds the feedback in the inbox and links it to the idea.
  await page.getByRole('button', { name: 'Erin Walsh' }).click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await loginAndLand(page, 'alice@skylift.example');
  await page.goto(`/products/${productId}/feedback`);
  const inbox = page.getByRole('listitem').filter({ hasText: feedbackText });
  await expect(inbox).toContainText('by Erin Walsh');
  const link = inbox.getByRole('form', { name: /^Link feedback/ });
  await link.getByLabel('Link to').selectOption('idea');
  await link.getByLabel('Idea').selectOption({ label: ideaTitle });
  await link.getByLabel('Importance').selectOption('critical');
  await link.getByRole('button', { name: 'Link' }).click();
  await expect(page.getByRole('status')).toContainText('Feedback moved to Triaged');
  await expect(page.getByRole('listitem').filter({ hasText: feedbackText })).toHaveCount(0);

  await page.getByRole('button', { name: 'Triaged', exact: true }).click();
  const triaged = page.getByRole('listitem').filter({ hasText: feedbackText }).first();
  await expect(triaged).toContainText('Critical for');
  await triaged.getByRole('link', { name: `idea “${ideaTitle}”` }).click();
  await expect(page).toHaveURL(new RegExp(`/ideas/${ideaId}$`));
  await expect(page.getByRole('heading', { level: 2, name: 'Linked feedback' })).toBeVisible();
  await expect(page.getByText(feedbackText)).toBeVisible();
});

test('the PM logs a talk with a stakeholder and reads the stakeholder update', async ({ page }) => {
  const summary = `Walked through the launch plan (${suffix}).`;
  await loginAndLand(page, 'alice@skylift.example');
  await page.goto(`/products/${productId}/stakeholders`);
  const closely = page.getByRole('region', { name: 'Manage closely' });
  await closely.getByRole('link', { name: 'Erin Walsh' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Erin Walsh' })).toBeVisible();
  const log = page.getByRole('form', { name: 'Log a communication' });
  await log.getByLabel('Channel').selectOption('meeting');
  await log.getByLabel('Summary').fill(summary);
  await log.getByRole('button', { name: 'Log communication' }).click();
  await expect(page.getByRole('list', { name: 'Communications' }).getByRole('listitem').first()).toContainText(summary);

  await page.goto(`/products/${productId}/stakeholder-update`);
  await expect(page.getByRole('heading', { level: 2, name: 'SkyLift X2: stakeholder update' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Shipped' })).toBeVisible();
  const href = await page.getByRole('link', { name: 'Open HTML' }).getAttribute('href');
  const html = await page.request.get(href!);
  expect(html.status()).toBe(200);
  expect(html.headers()['content-type']).toContain('text/html');
  expect(await html.text()).toContain('stakeholder update');
});
