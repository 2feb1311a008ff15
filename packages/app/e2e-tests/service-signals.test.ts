import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import { collectConsoleErrors, saveScreen, signIn } from './support';

test('a service shows its observability and delivery, with their tabs', async ({
  page,
}, testInfo) => {
  const consoleErrors = collectConsoleErrors(page);
  await signIn(page);

  await page.goto('/catalog/default/component/support-assistant');
  const main = page.getByRole('main');
  await expect(
    main.getByRole('heading', { name: /^support-assistant/, level: 1 }),
  ).toBeVisible();

  // Overview, observability card: the seeded service is degraded and has a firing alert.
  const observed = main.getByRole('region', { name: 'Environment dev' });
  await expect(observed.getByText('degraded', { exact: true })).toBeVisible();
  await expect(
    observed.getByRole('table', { name: 'Metrics in dev' }),
  ).toBeVisible();
  await expect(
    observed.getByRole('heading', { name: 'Firing alerts' }),
  ).toBeVisible();
  await expect(
    observed.getByRole('link', { name: /RuntimeHighErrorRatio/ }),
  ).toBeVisible();

  // Overview, delivery card: Argo CD says OutOfSync.
  const deployments = main.getByRole('region', { name: 'Deployments' });
  await expect(
    deployments.getByText('OutOfSync', { exact: true }),
  ).toBeVisible();
  await expect(
    main.getByRole('region', { name: 'Last pipeline' }),
  ).toContainText('success');
  await saveScreen(page, testInfo, 'service-overview', observed);
  await expectNoAccessibilityViolations(page, testInfo, 'service-overview');

  // The Observability tab: charts, alerts, logs, traces and dashboards.
  await main.getByRole('tab', { name: 'Observability' }).click();
  await expect(page).toHaveURL(/\/support-assistant\/observability$/);
  await expect(
    main.getByRole('img', { name: 'Request rate chart' }),
  ).toBeVisible();
  await expect(
    main.getByRole('img', { name: 'Error ratio chart' }),
  ).toBeVisible();
  await expect(main.getByRole('img', { name: 'Latency chart' })).toBeVisible();
  await expect(
    main.getByRole('region', { name: 'Firing alerts' }),
  ).toContainText('RuntimeHighErrorRatio');
  await expect(main.getByLabel('Error log lines')).toContainText('level=error');
  // Header row plus at least one trace / dashboard.
  await expect(
    main.getByRole('region', { name: 'Traces' }).getByRole('row').nth(1),
  ).toContainText('support-assistant');
  await expect(
    main.getByRole('region', { name: 'Dashboards' }).getByRole('row').nth(1),
  ).toBeVisible();
  await saveScreen(page, testInfo, 'service-observability');
  await expectNoAccessibilityViolations(
    page,
    testInfo,
    'service-observability',
  );

  // The Delivery tab: the timeline of pipelines, syncs and images.
  await main.getByRole('tab', { name: 'Delivery' }).click();
  await expect(page).toHaveURL(/\/support-assistant\/delivery$/);
  const timeline = main.getByRole('region', { name: 'Delivery timeline' });
  await expect(timeline).toBeVisible();
  await expect(timeline.getByRole('row').nth(1)).toBeVisible();
  await expect(
    main.getByRole('region', { name: 'Deployments in dev' }),
  ).toContainText('OutOfSync');
  await saveScreen(page, testInfo, 'service-delivery');
  await expectNoAccessibilityViolations(page, testInfo, 'service-delivery');

  await testInfo.attach('console errors', { body: consoleErrors.join('\n') });
});
