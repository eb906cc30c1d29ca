// The `test` every spec uses: fails a test whose page threw an uncaught error or broke the
// server's Content-Security-Policy (inline script, external resource, ...).
import { expect, test as base } from '@playwright/test';

export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) {
          problems.push(`CSP violation: ${msg.text()}`);
        }
      });
      await use(problems);
      expect(problems, 'uncaught errors or CSP violations in the page').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
