import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import {
  collectConsoleErrors,
  saveScreen,
  signIn,
  uniqueName,
} from './support';
import { fillWhere, openTemplate, skipLifetime } from './templates';

test('create a database from its template and see it on its page, without its password', async ({
  page,
}, testInfo) => {
  const consoleErrors = collectConsoleErrors(page);
  // A PostgreSQL name: lowercase letters, digits and "_".
  const name = uniqueName('e2e_db').replace(/-/g, '_');
  await signIn(page);
  await openTemplate(page, 'Database');

  await fillWhere(page, {
    owner: 'search-team',
    service: 'semantic-search',
    namespace: 'team-search',
  });
  await page.getByRole('textbox', { name: 'Database name' }).fill(name);
  await skipLifetime(page);

  // Review, then run.
  const main = page.getByRole('main');
  await expect(main.getByText(name, { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task's output: where to connect and where the credentials are, never the password.
  const output = page.getByRole('link', {
    name: 'Open the database in the catalog',
  });
  await expect(output).toBeVisible({ timeout: 60_000 });
  const credentialsPath = `semantic-search/databases/${name}`;
  await expect(main.getByText(credentialsPath)).toBeVisible();
  await expect(
    main.getByText(new RegExp(`/${name} as ${name}$`)),
  ).toBeVisible();
  await saveScreen(page, testInfo, 'database-task');
  await output.click();

  // The catalog picks the new database up on its refresh: until then the page says "Entity not found".
  await expect(page).toHaveURL(
    /\/catalog\/default\/resource\/dev-database-e2e-db/,
  );
  await expect(async () => {
    await page.reload();
    await expect(main.getByText('resource — database')).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  const card = main
    .getByText('Database', { exact: true })
    .locator('xpath=ancestor::*[contains(@class, "MuiCard-root")][1]');
  await expect(card.getByText('Login role')).toBeVisible({ timeout: 30_000 });
  await expect(
    card.getByText('search-team, for semantic-search'),
  ).toBeVisible();
  await expect(card.getByText(/^\d+(\.\d)? (bytes|kB|MB|GB)$/)).toBeVisible();
  await expect(card.getByText(/^\d+ open connections?$/)).toBeVisible();
  await expect(card.getByText(credentialsPath)).toBeVisible();
  await expect(
    card.getByRole('button', { name: 'Copy the address' }),
  ).toBeVisible();
  await expect(card.getByRole('link', { name: 'Retire' })).toBeVisible();
  await expect(card).not.toContainText(/password:/i);
  await saveScreen(page, testInfo, 'database', card);
  await expectNoAccessibilityViolations(page, testInfo, 'database');

  await testInfo.attach('console errors', { body: consoleErrors.join('\n') });
});
