import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import {
  collectConsoleErrors,
  saveScreen,
  signIn,
  uniqueName,
} from './support';
import { fillWhere, openTemplate, skipLifetime } from './templates';

test('expose a service from its template and see its URL on the task and on the route’s page', async ({
  page,
}, testInfo) => {
  const consoleErrors = collectConsoleErrors(page);
  const name = uniqueName('e2e-route');
  const url = `https://${name}.apps.dev.runtime.local`;
  await signIn(page);
  await openTemplate(page, 'Expose a service');

  await fillWhere(page, {
    owner: 'search-team',
    service: 'semantic-search',
    namespace: 'team-search',
  });
  await page.getByRole('textbox', { name: 'Route name' }).fill(name);
  await page.getByRole('textbox', { name: 'Host' }).fill(name);
  await page.getByRole('spinbutton', { name: 'Service port' }).fill('8080');
  await skipLifetime(page);

  // Review, then run.
  const main = page.getByRole('main');
  await expect(main.getByText(name, { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task's output: a link to the URL and one to the route in the catalog.
  await expect(page.getByRole('link', { name: `Open ${url}` })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByRole('link', { name: `Open ${url}` })).toHaveAttribute(
    'href',
    url,
  );
  await saveScreen(page, testInfo, 'route-task');
  await page
    .getByRole('link', { name: 'Open the route in the catalog' })
    .click();

  // The catalog picks the new route up on its refresh: until then the page says "Entity not found".
  await expect(page).toHaveURL(/\/catalog\/default\/resource\/.*e2e-route/);
  await expect(async () => {
    await page.reload();
    await expect(main.getByText('resource — route')).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  const card = main
    .getByText('Route', { exact: true })
    .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]');
  await expect(
    card.getByRole('link', { name: new RegExp(`^${url}`) }),
  ).toBeVisible();
  await expect(card.getByText('semantic-search:8080')).toBeVisible();
  // The sandbox's cert-manager issues the certificate; the catalog shows it at a later refresh.
  await expect(async () => {
    await page.reload();
    await expect(card.getByText(/^Ready, valid until \d{4}-/)).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  await expect(card.getByRole('link', { name: 'Retire' })).toBeVisible();
  await saveScreen(page, testInfo, 'route', card);
  await expectNoAccessibilityViolations(page, testInfo, 'route');

  await testInfo.attach('console errors', { body: consoleErrors.join('\n') });
});
