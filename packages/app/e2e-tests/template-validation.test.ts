import { expect, test } from '@playwright/test';
import { collectConsoleErrors, saveScreen, signIn } from './support';
import { fillWhere, openTemplate, skipLifetime } from './templates';

test('a template refuses an invalid endpoint name and creates nothing', async ({
  page,
}, testInfo) => {
  const consoleErrors = collectConsoleErrors(page);
  await signIn(page);
  await openTemplate(page, 'Inference endpoint');
  await fillWhere(page, {
    owner: 'search-team',
    service: 'semantic-search',
    namespace: 'team-search',
  });

  const nameField = page.getByRole('textbox', { name: 'Endpoint name' });
  await nameField.fill('Bad_Name!');
  await page.getByRole('button', { name: 'Next' }).click();

  // The form names the field and what is wrong, and stays on the step: no review, nothing to run.
  const main = page.getByRole('main');
  await expect(
    main.getByText(/'Endpoint name' must match pattern/),
  ).toBeVisible();
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(nameField).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create' })).toHaveCount(0);
  await saveScreen(page, testInfo, 'template-validation');

  // Correcting the name lets the form go on to the review.
  await nameField.fill('valid-name');
  await skipLifetime(page);
  await expect(page.getByRole('button', { name: 'Create' })).toBeVisible();
  await expect(main.getByText(/must match pattern/i)).toHaveCount(0);

  await testInfo.attach('console errors', { body: consoleErrors.join('\n') });
});
