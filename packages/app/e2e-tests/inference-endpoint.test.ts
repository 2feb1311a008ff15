import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import {
  collectConsoleErrors,
  saveScreen,
  signIn,
  uniqueName,
} from './support';
import { fillWhere, openTemplate, skipLifetime } from './templates';

test('create an inference endpoint from its template and find it in the catalog', async ({
  page,
}, testInfo) => {
  const consoleErrors = collectConsoleErrors(page);
  const name = uniqueName('e2e-endpoint');
  await signIn(page);
  await openTemplate(page, 'Inference endpoint');

  await fillWhere(page, {
    owner: 'search-team',
    service: 'semantic-search',
    namespace: 'team-search',
  });
  await page.getByRole('textbox', { name: 'Endpoint name' }).fill(name);
  await skipLifetime(page);

  // Review, then run.
  const main = page.getByRole('main');
  await expect(main.getByText(name, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task runs its step and shows the template's output.
  const output = page.getByRole('link', {
    name: 'Open the endpoint in the catalog',
  });
  await expect(output).toBeVisible({ timeout: 60_000 });
  await expect(main.getByText('OpenAI-compatible base URL')).toBeVisible();
  await saveScreen(page, testInfo, 'inference-endpoint-task');
  await output.click();

  // The catalog picks the new resource up on its refresh: until then the page says "Entity not found".
  await expect(page).toHaveURL(/\/catalog\/default\/resource\/.*e2e-endpoint/);
  await expect(async () => {
    await page.reload();
    await expect(main.getByText('resource — inference-endpoint')).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  await expect(
    main.getByText('Inference endpoint', { exact: true }),
  ).toBeVisible();
  await expect(main.getByText('OpenAI base URL')).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    main.getByRole('button', { name: 'Copy the base URL' }),
  ).toBeVisible();
  await expect(main.getByText(/^https?:\/\/\S+\/v1\/?$/).first()).toBeVisible();
  await expect(main.getByText(name, { exact: true }).first()).toBeVisible();
  await saveScreen(
    page,
    testInfo,
    'inference-endpoint',
    main.getByText('OpenAI base URL'),
  );
  await expectNoAccessibilityViolations(page, testInfo, 'inference-endpoint');

  await testInfo.attach('console errors', { body: consoleErrors.join('\n') });
});
