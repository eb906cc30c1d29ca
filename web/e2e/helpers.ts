import { expect, type Page } from '@playwright/test';

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
