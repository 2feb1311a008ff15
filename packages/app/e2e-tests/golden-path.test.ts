import { expect, test } from '@playwright/test';
import { signInWithKeycloak } from './keycloak';
import { expectNoAccessibilityViolations } from './accessibility';
import {
  collectConsoleErrors,
  saveScreen,
  signIn,
  uniqueName,
} from './support';
import { chooseEnvironment, expectOnlyTeam, openTemplate } from './templates';

test('create an AI service and see Argo CD deploy it on its page', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(420_000);
  const consoleErrors = collectConsoleErrors(page);
  const name = uniqueName('e2e-golden');
  await signIn(page);
  await openTemplate(page, 'AI service');
  const next = () => page.getByRole('button', { name: 'Next' }).click();

  // Service: name, description, the user's one team, dev, the team's namespace.
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Answers questions about the handbook.');
  await expectOnlyTeam(page, 'search-team');
  await chooseEnvironment(page);
  await page
    .getByRole('textbox', { name: 'Kubernetes namespace' })
    .fill('team-search');
  await next();

  // Model: the default model and engine, on CPU.
  await page.getByRole('button', { name: /^Resource profile/ }).click();
  await page.getByRole('option', { name: 'cpu:1', exact: true }).click();
  await next();

  // Data and delivery: no database, no public route, the team's Argo CD project.
  await expect(
    page.getByRole('checkbox', { name: 'PostgreSQL database' }),
  ).not.toBeChecked();
  await next();

  // Secrets, then the repository on the platform GitLab.
  await page
    .getByLabel(/^API token of the service/)
    .fill('e2e-golden-path-token');
  await next();
  // Free-text autocompletes: each keeps its text when it loses focus.
  await page.getByLabel(/^Owner\b/).fill('search-team');
  await page.getByLabel(/^Owner\b/).press('Tab');
  await page.getByLabel(/^Repository\b/).fill(name);
  await page.getByLabel(/^Repository\b/).press('Tab');
  await page.getByRole('button', { name: 'Review' }).click();

  // Review, then run.
  const main = page.getByRole('main');
  await expect(main.getByText(name, { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // Its bucket waits for a platform-team member's approval (scripts/e2e-support/app-config.e2e.yaml),
  // who approves it in a session of their own.
  await expect(page).toHaveURL(/\/create\/tasks\/[^/]+$/);
  await page.getByRole('button', { name: 'Show Logs' }).click();
  const waiting = main
    .getByText('Waiting for approval by group:default/platform-team')
    .last();
  await expect(waiting).toBeVisible({ timeout: 120_000 });
  const id = /\(request ([^,\s]+),/.exec(
    (await waiting.textContent()) ?? '',
  )?.[1];
  expect(id).toBeTruthy();
  const context = await browser.newContext();
  const approver = await context.newPage();
  await signInWithKeycloak(approver, {
    username: 'paula',
    password: 'sandbox-paula',
  });
  await approver.goto(`/runtime/approvals/${id}`);
  await approver.getByRole('button', { name: 'Approve' }).click();
  await expect(approver.getByRole('main').getByRole('status')).toHaveText(
    'You approved this request.',
  );
  await context.close();

  // The task ends with a link to its Argo CD application and to the service.
  await expect(
    page.getByRole('link', { name: 'Its Argo CD application' }),
  ).toBeVisible({ timeout: 300_000 });
  await saveScreen(page, testInfo, 'golden-path-task');
  await page
    .getByRole('link', { name: 'Open the service in the catalog' })
    .click();

  // The service's page: its delivery card shows the application Argo CD synced from its repository.
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}$`),
  );
  await expect(async () => {
    await page.reload();
    await expect(
      main.getByRole('heading', { name: new RegExp(`^${name}`), level: 1 }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  const deployments = main.getByRole('region', { name: 'Deployments' });
  await expect(async () => {
    await page.reload();
    await expect(deployments.getByText(name).first()).toBeVisible({
      timeout: 5_000,
    });
    await expect(deployments.getByText('Synced', { exact: true })).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 60_000, intervals: [2_000] });
  await saveScreen(page, testInfo, 'golden-path', deployments);
  await expectNoAccessibilityViolations(page, testInfo, 'golden-path');

  await testInfo.attach('console errors', { body: consoleErrors.join('\n') });
});
