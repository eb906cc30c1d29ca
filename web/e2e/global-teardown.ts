import { rmSync } from 'node:fs';

/** Removes the temporary data directory made by playwright.config.ts (E2E_KEEP_DATA=1 keeps it). */
export default function globalTeardown(): void {
  const dir = process.env.E2E_DATA_DIR;
  if (dir && !process.env.E2E_KEEP_DATA && dir.includes('throughline-e2e-')) {
    rmSync(dir, { recursive: true, force: true });
  }
}
