import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo';

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function loginAndLand(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await login(page, email, password);
  await expect(page).not.toHaveURL(/\/login$/);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** One API call for a spec's setup, as `token`'s holder; fails the test on any non-2xx answer. */
export async function apiCall(api: APIRequestContext, token: string, method: string, path: string, data?: unknown) {
  const res = await api.fetch(`/api/v1${path}`, {
    method,
    data,
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return res.status() === 204 ? null : res.json();
}

/** A session token for a spec's setup calls. */
export async function apiToken(api: APIRequestContext, email: string, password: string): Promise<string> {
  const login = await api.post('/api/v1/auth/login', { data: { email, password } });
  expect(login.ok()).toBe(true);
  return (await login.json()).token;
}
