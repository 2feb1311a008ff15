import { expect, test } from '@playwright/test';
import { collectConsoleErrors, saveScreen } from './support';
import { expectOnlyTeam, openTemplate } from './templates';

test('a media-team member signs in through Keycloak and may create only for the media team', async ({
  page,
}, testInfo) => {
  const consoleErrors = collectConsoleErrors(page);
  await page.goto('/');

  // The sign-in page offers Keycloak (and, in local development, the guest).
  await expect(
    page.getByText('Sign in with your Runtime account'),
  ).toBeVisible();
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign In' }).click();
  const keycloak = await popupOpened;

  // Keycloak's login page: another team member's password is refused.
  await keycloak.getByLabel('Username or email').fill('maya');
  await keycloak.getByLabel('Password').fill('sandbox-sofia');
  await keycloak.getByRole('button', { name: 'Sign In' }).click();
  await expect(keycloak.getByRole('alert')).toHaveText(
    'Invalid username or password.',
  );
  await saveScreen(keycloak, testInfo, 'keycloak-login');

  const closed = keycloak.waitForEvent('close');
  await keycloak.getByLabel('Password').fill('sandbox-maya');
  await keycloak.getByRole('button', { name: 'Sign In' }).click();
  await closed;

  // Signed in as the catalog user maya (from the Keycloak org).
  const sidebar = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(sidebar.getByRole('link', { name: 'Runtime' })).toBeVisible();
  await sidebar.getByRole('link', { name: 'Settings' }).click();
  await expect(
    page.getByRole('main').getByText('Maya Okafor').first(),
  ).toBeVisible();

  // The owner of a new resource can only be her team.
  await openTemplate(page, 'Inference endpoint');
  await expectOnlyTeam(page, 'media-team');
  await saveScreen(
    page,
    testInfo,
    'keycloak-owner',
    page.getByRole('textbox', { name: 'Owning team' }),
  );

  await testInfo.attach('console errors', { body: consoleErrors.join('\n') });
});
