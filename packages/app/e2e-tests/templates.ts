import { expect, Page } from '@playwright/test';

/** What the first step ("Where") of the Inference endpoint template is filled with. */
export interface WhereStep {
  owner: string;
  service: string;
  namespace: string;
}

/** Opens a template's form under Create... by its title. */
export async function openTemplate(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Create...' })
    .click();
  // The template's card: the nearest element around its title that has a "Choose" button.
  const card = page
    .getByRole('heading', { name: title, exact: true, level: 4 })
    .locator('xpath=ancestor::*[.//button[normalize-space()="Choose"]][1]');
  await card.getByRole('button', { name: 'Choose' }).click();
  await expect(
    page.getByRole('heading', { name: title, level: 2 }),
  ).toBeVisible();
}

/**
 * Checks the "Owning team" field (MyGroupsPicker: the signed-in user's groups only): a user of one team
 * finds it preselected and cannot change it.
 */
export async function expectOnlyTeam(page: Page, team: string) {
  const owner = page.getByRole('textbox', { name: 'Owning team' });
  await expect(owner).toHaveValue(team);
  await expect(owner).toBeDisabled();
}

/** Picks `value` in an autocomplete picker (EntityPicker) labelled `label`. */
export async function pick(page: Page, label: string, value: string) {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(value);
  await page.getByRole('option', { name: value, exact: true }).click();
  // The picker shows the picked entity's reference, e.g. group:default/search-team.
  await expect(input).toHaveValue(new RegExp(`(^|[:/])${value}$`));
}

/**
 * Chooses a Runtime environment in a template's Environment field (RuntimeEnvironmentPicker): the sandbox
 * has two, `dev` and `prod`, so none is preselected.
 */
export async function chooseEnvironment(page: Page, environment = 'dev') {
  const field = page.getByRole('button', { name: 'Environment' });
  // Enabled once the runtime backend has listed the environments.
  await expect(field).toBeEnabled();
  await field.click();
  await page
    .getByRole('option', { name: new RegExp(`\\(${environment}\\)$`) })
    .click();
  await expect(field).toContainText(`(${environment})`);
}

/**
 * Fills the "Where" step: the environment (`dev`), the owner (the signed-in user's one team,
 * preselected), service and namespace.
 */
export async function fillWhere(page: Page, where: WhereStep) {
  await chooseEnvironment(page);
  await expectOnlyTeam(page, where.owner);
  await pick(page, 'Service', where.service);
  await page
    .getByRole('textbox', { name: 'Kubernetes namespace' })
    .fill(where.namespace);
  await page.getByRole('button', { name: 'Next' }).click();
}

/**
 * From a resource template's last settings step: on to its optional "Lifetime" step, left empty (the
 * resource does not expire), and on to the review.
 */
export async function skipLifetime(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByText('Expires after', { exact: true }).first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Review' }).click();
}
