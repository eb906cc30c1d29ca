// End-to-end tests: the real server (../build/throughline, or $THROUGHLINE_BIN) serving dist/
// with the demo workspace in a fresh data directory, driven through Debian's Chromium.
// Never downloads a browser: the Chromium binary is $CHROMIUM_PATH or /usr/bin/chromium.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 18080);
const baseURL = `http://127.0.0.1:${port}`;

// This file is evaluated by the runner and again by each worker: create the data directory
// once and hand it on through the environment (workers inherit it).
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'throughline-e2e-'));
const dataDir = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/e2e-artifacts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command:
      `"\${THROUGHLINE_BIN:-../build/throughline}" serve --port ${port} ` +
      `--data-dir "${dataDir}" --demo --web-dir dist`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore', // the server's request log; its stderr still shows on failure
    stderr: 'pipe',
  },
});
