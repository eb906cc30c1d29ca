import { expect, test } from './fixtures';

import { login, loginAndLand } from './helpers';

// Each demo user lands on the home their role calls for (GET /me → home).
const HOMES = [
  { email: 'alice@skylift.example', who: 'PM', url: /\/products\/[^/]+\/strategy$/, h1: 'Strategy' },
  { email: 'bob@skylift.example', who: 'PO', url: /\/products\/[^/]+\/backlog$/, h1: 'Backlog' },
  { email: 'carol@skylift.example', who: 'Scrum Master', url: /\/products\/[^/]+\/sprints$/, h1: 'Sprints' },
  { email: 'dave@skylift.example', who: 'team member', url: /\/products\/[^/]+\/board$/, h1: 'Board' },
  {
    email: 'erin@skylift.example',
    who: 'stakeholder',
    url: /\/products\/[^/]+\/overview$/,
    h1: /^SkyLift (X2|AI)$/,
    page: 'Overview',
  },
  { email: 'frank@skylift.example', who: 'executive', url: /\/portfolio$/, h1: 'Portfolio' },
  { email: 'admin@skylift.example', who: 'workspace admin', url: /\/admin$/, h1: 'Administration' },
];

for (const home of HOMES) {
  test(`${home.email} (${home.who}) lands on ${'page' in home ? home.page : home.h1}`, async ({ page }) => {
    await login(page, home.email);
    await expect(page).toHaveURL(home.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(home.h1);
  });
}

test('a wrong password shows the error and stays on the login page', async ({ page }) => {
  await login(page, 'bob@skylift.example', 'not-the-password');
  await expect(page.getByRole('alert')).toContainText('wrong email or password');
  await expect(page).toHaveURL(/\/login$/);
});

test('logging out returns to login and the session is gone', async ({ page }) => {
  await loginAndLand(page, 'bob@skylift.example');
  const me = await page.request.get('/api/v1/me');
  expect(me.status()).toBe(200);

  await page.getByRole('button', { name: /bob/i }).click();
  await expect(page.getByText('bob@skylift.example')).toBeVisible();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);

  const after = await page.request.get('/api/v1/me');
  expect(after.status()).toBe(401);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('an anonymous visitor is sent to login', async ({ page }) => {
  await page.goto('/portfolio');
  await expect(page).toHaveURL(/\/login$/);
});

test('too many failed logins show the wait time', async ({ page }) => {
  // An address of its own, so the lockout touches no other test.
  const email = 'rate-limit-e2e@skylift.example';
  let status = 0;
  for (let i = 0; i < 20 && status !== 429; i++) {
    const res = await page.request.post('/api/v1/auth/login', {
      data: { email, password: 'wrong' },
    });
    status = res.status();
  }
  expect(status).toBe(429);
  await login(page, email, 'wrong');
  await expect(page.getByRole('alert')).toContainText(/Too many attempts, try again in \d+ seconds?/);
});
