import { Browser, expect, Locator, Page, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import { KeycloakUser, signInWithKeycloak } from './keycloak';
import { collectConsoleErrors, saveScreen, uniqueName } from './support';
import {
  chooseEnvironment,
  expectOnlyTeam,
  openTemplate,
  pick,
  skipLifetime,
} from './templates';

// scripts/e2e-support/app-config.e2e.yaml: `runtime:bucket:create` needs a platform-team member's approval.
// The requester is a search-team member, the approver a platform-team member (runtime-seed.yaml's users).
const REQUESTER: KeycloakUser = {
  username: 'sofia',
  password: 'sandbox-sofia',
};
const APPROVER: KeycloakUser = { username: 'paula', password: 'sandbox-paula' };
const APPROVERS = 'group:default/platform-team';

/** The value next to `term` in an approval request's details (a `<dl>`). */
function detail(main: Locator, term: string): Locator {
  return main
    .locator('dt', { hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

/** Signs `user` in through Keycloak in a browser context of its own (its own session). */
async function signedInPage(
  browser: Browser,
  user: KeycloakUser,
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithKeycloak(page, user);
  return page;
}

test('a bucket that needs approval waits for a platform-team member, who approves it, and is created', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const consoleErrors = collectConsoleErrors(page);
  const name = uniqueName('e2e-approved');
  const main = page.getByRole('main');

  // The requester (search-team) fills the Bucket template and runs it.
  await signInWithKeycloak(page, REQUESTER);
  await openTemplate(page, 'Bucket');
  await chooseEnvironment(page);
  await expectOnlyTeam(page, 'search-team');
  await pick(page, 'Service', 'semantic-search');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('textbox', { name: 'Bucket name' }).fill(name);
  await skipLifetime(page);
  await expect(main.getByText(name, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task waits: its log names the approvers and links to the request.
  await expect(page).toHaveURL(/\/create\/tasks\/[^/]+$/);
  const taskUrl = page.url();
  await page.getByRole('button', { name: 'Show Logs' }).click();
  const waiting = main.getByText(`Waiting for approval by ${APPROVERS}`).last();
  await expect(waiting).toBeVisible({ timeout: 60_000 });
  const line = (await waiting.textContent()) ?? '';
  const id = /\(request ([^,\s]+),/.exec(line)?.[1];
  expect(id, `the request's id in "${line}"`).toBeTruthy();
  expect(line).toContain(`http://localhost:7007/runtime/approvals/${id}`);
  const output = page.getByRole('link', {
    name: 'Open the bucket in the catalog',
  });
  await expect(output).toHaveCount(0);
  await expect(
    main.getByRole('link', {
      name: `http://localhost:7007/runtime/approvals/${id}`,
    }),
  ).toBeVisible();
  await saveScreen(page, testInfo, 'approval-waiting');

  // Four eyes: the requester sees their request, without Approve or Reject.
  const own = await page.context().newPage();
  await own.goto(`/runtime/approvals/${id}`);
  const ownMain = own.getByRole('main');
  await expect(detail(ownMain, 'Requested by')).toHaveText(REQUESTER.username);
  await expect(detail(ownMain, 'Status')).toHaveText(/pending/i);
  await expect(ownMain.getByText(name, { exact: false }).first()).toBeVisible();
  await expect(own.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(own.getByRole('button', { name: 'Reject' })).toHaveCount(0);
  await own.close();

  // The approver signs in (a context of their own) and finds the request in their approvals.
  const approver = await signedInPage(browser, APPROVER);
  const approverErrors = collectConsoleErrors(approver);
  const approverMain = approver.getByRole('main');
  // A Backstage notification told the approvers group.
  await approver.goto('/notifications');
  await expect(
    approverMain
      .getByText(
        'Approval needed: runtime:bucket:create for semantic-search in dev',
      )
      .first(),
  ).toBeVisible();
  await approver.goto('/runtime/approvals');
  const requestLink = approver.locator(`a[href$="/runtime/approvals/${id}"]`);
  await expect(requestLink).toHaveText('runtime:bucket:create');
  const row = approverMain.getByRole('row').filter({ has: requestLink });
  await expect(row).toContainText('semantic-search');
  await expect(row).toContainText(REQUESTER.username);
  await expect(row).toContainText('Yours to decide');
  await expectNoAccessibilityViolations(approver, testInfo, 'approvals-list');

  // The request says who asked for what; the approver approves it.
  await requestLink.click();
  await expect(approver).toHaveURL(new RegExp(`/runtime/approvals/${id}$`));
  await expect(
    approverMain.getByRole('heading', {
      name: 'runtime:bucket:create for semantic-search in dev',
    }),
  ).toBeVisible();
  await expect(detail(approverMain, 'Requested by')).toHaveText(
    REQUESTER.username,
  );
  await expect(detail(approverMain, 'Owner')).toHaveText('search-team');
  await expect(detail(approverMain, 'Approvers')).toHaveText('platform-team');
  await expect(
    approverMain.getByText(
      new RegExp(
        `^runtime:bucket:create for semantic-search \\(\\S*search-team\\) in dev: name=${name}\\b`,
      ),
    ),
  ).toBeVisible();
  const approve = approver.getByRole('button', { name: 'Approve' });
  await expect(approve).toBeVisible();
  await expect(approver.getByRole('button', { name: 'Reject' })).toBeVisible();
  await saveScreen(approver, testInfo, 'approval-request', approve);
  await expectNoAccessibilityViolations(approver, testInfo, 'approval-request');
  await approve.click();
  await expect(approverMain.getByRole('status')).toHaveText(
    'You approved this request.',
  );
  await expect(detail(approverMain, 'Status')).toHaveText(/approved/i);
  await expect(detail(approverMain, 'Decided by')).toHaveText(
    APPROVER.username,
  );
  await expect(approver.getByRole('button', { name: 'Approve' })).toHaveCount(
    0,
  );
  await approver.context().close();

  // Back to the requester: the task goes on and finishes.
  if (page.url() !== taskUrl) await page.goto(taskUrl);
  await expect(output).toBeVisible({ timeout: 60_000 });
  await expect(
    main.getByText(`Approved by user:default/${APPROVER.username}`).last(),
  ).toBeVisible();
  await output.click();

  // The bucket exists in the sandbox: its page's card reads it from the object storage.
  await expect(page).toHaveURL(/\/catalog\/default\/resource\/.*e2e-approved/);
  await expect(async () => {
    await page.reload();
    await expect(main.getByText(/resource — bucket/)).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  await expect(main.getByText('Versioning')).toBeVisible({ timeout: 30_000 });
  await expect(main.locator('code', { hasText: name }).first()).toBeVisible();

  await testInfo.attach('console errors', {
    body: [...consoleErrors, ...approverErrors].join('\n'),
  });
});
