import { expect, Locator, Page, TestInfo } from '@playwright/test';
import path from 'node:path';

/** Where the journeys' key screens go (CI keeps the folder as artifacts; scripts/e2e copies them to docs/). */
export const screenshotDir = path.join(
  process.env.E2E_REPORT_DIR ?? '.reports/e2e',
  'screenshots',
);

/** Opens the portal and signs in with the guest provider (the sign-in page's "Enter" button). */
export async function signIn(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  // Signed in: the sidebar's links are there.
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Runtime' }),
  ).toBeVisible();
}

/**
 * Saves the journey's key screen as `<screenshotDir>/<journey>.png` and attaches it to the report: the
 * viewport, with `focus` scrolled to its middle when given.
 */
export async function saveScreen(
  page: Page,
  testInfo: TestInfo,
  journey: string,
  focus?: Locator,
): Promise<void> {
  if (focus) {
    await focus.evaluate(element =>
      element.scrollIntoView({ block: 'center' }),
    );
  }
  const file = path.join(screenshotDir, `${journey}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(journey, { path: file, contentType: 'image/png' });
}

/** Collects the page's console errors and uncaught exceptions, to attach to a failing journey's report. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', error => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** A name no earlier run has used (the backend's catalog and the sandbox live as long as the run). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}`;
}
