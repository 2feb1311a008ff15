import { expect, Page } from '@playwright/test';

/**
 * A user of the sandbox Keycloak's realm `runtime` (packages/runtime-sandbox/src/seed/runtime-seed.yaml:
 * username and development-only password).
 */
export interface KeycloakUser {
  username: string;
  password: string;
}

/**
 * Opens the portal and signs in as `user` through Keycloak (the sign-in page's "Sign In" opens Keycloak's
 * login page in a popup, which closes once signed in). Each browser context has its own session.
 */
export async function signInWithKeycloak(
  page: Page,
  user: KeycloakUser,
): Promise<void> {
  await page.goto('/');
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign In' }).click();
  const keycloak = await popupOpened;
  const closed = keycloak.waitForEvent('close');
  await keycloak.getByLabel('Username or email').fill(user.username);
  await keycloak.getByLabel('Password').fill(user.password);
  await keycloak.getByRole('button', { name: 'Sign In' }).click();
  await closed;
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Runtime' }),
  ).toBeVisible();
}
