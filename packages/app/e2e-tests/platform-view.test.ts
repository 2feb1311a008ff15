import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import { collectConsoleErrors, saveScreen, signIn } from './support';

// The sandbox's dev Runtime has one of Loki's replicas failing its scrapes, so its Alertmanager fires
// kube-prometheus's TargetDown for loki (labels namespace and service=loki).
const COMPONENT = 'Loki';
const ALERT = 'TargetDown';

test('open a runtime component with a firing alert and see the alert and its version per environment', async ({
  page,
}, testInfo) => {
  const consoleErrors = collectConsoleErrors(page);
  await signIn(page);

  // The Runtime page: the firing alerts of every component in every environment, and the version matrix.
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Runtime' })
    .click();
  const main = page.getByRole('main');
  const alerts = main.getByRole('region', {
    name: 'Firing alerts of runtime components',
  });
  const alertRow = alerts
    .getByRole('row')
    .filter({ hasText: ALERT })
    .filter({ has: page.getByRole('link', { name: COMPONENT, exact: true }) });
  await expect(alertRow.first()).toBeVisible();
  await expect(alertRow.first()).toContainText('dev');

  const matrix = main.getByRole('region', { name: 'Versions per environment' });
  await expect(
    matrix.getByRole('columnheader', { name: 'dev', exact: true }),
  ).toBeVisible();
  const lokiVersions = matrix
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: COMPONENT, exact: true }) });
  await expect(lokiVersions).toContainText(/\d+\.\d+\.\d+/);
  const environments = await matrix.getByRole('columnheader').count();
  if (environments > 2) {
    // With a second environment (the sandbox's prod runs some components a release behind): drift shows.
    await expect(matrix.getByText('Drift').first()).toBeVisible();
  }
  await saveScreen(page, testInfo, 'platform-view-runtime', alerts);
  await expectNoAccessibilityViolations(
    page,
    testInfo,
    'platform-view-runtime',
  );

  // The alert links to its component's page: its alert on the observability card, its installations.
  await alertRow
    .first()
    .getByRole('link', { name: COMPONENT, exact: true })
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/loki$/);
  await expect(
    main.getByRole('heading', { name: /^Loki/, level: 1 }),
  ).toBeVisible();
  const observed = main.getByRole('region', { name: 'Environment dev' });
  await expect(
    observed.getByRole('heading', { name: 'Firing alerts' }),
  ).toBeVisible();
  await expect(observed.getByText(ALERT).first()).toBeVisible();
  const installations = main
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Version' }) })
    .filter({ has: page.getByRole('columnheader', { name: 'Environment' }) });
  await expect(
    installations.getByRole('row').filter({ hasText: /^dev/ }),
  ).toContainText(/\d+\.\d+\.\d+/);
  await saveScreen(page, testInfo, 'platform-view-component', observed);
  await expectNoAccessibilityViolations(
    page,
    testInfo,
    'platform-view-component',
  );

  // Its Observability tab has the alert too, and its workloads are on the Kubernetes tab.
  await main.getByRole('tab', { name: 'Observability' }).click();
  await expect(page).toHaveURL(/\/component\/loki\/observability$/);
  await expect(
    main.getByRole('region', { name: 'Firing alerts' }).first(),
  ).toContainText(ALERT);
  // Its recent error logs come from its own streams: the errors its unreachable replica causes.
  await expect(
    main.getByRole('region', { name: 'Error log lines' }).first(),
  ).toContainText(
    /level=error .*msg="error (contacting scheduler|processing request)"/,
  );
  await expectNoAccessibilityViolations(
    page,
    testInfo,
    'platform-view-component-observability',
  );
  await main.getByRole('tab', { name: 'Kubernetes' }).click();
  await expect(page).toHaveURL(/\/component\/loki\/kubernetes$/);
  // The Kubernetes plugin finds its workloads by `backstage.io/kubernetes-label-selector`, per cluster.
  await expect(main.getByText('dev', { exact: true }).first()).toBeVisible();
  await expect(main.getByText(/^[1-9]\d* pods?$/).first()).toBeVisible();
  await saveScreen(page, testInfo, 'platform-view-kubernetes');

  await testInfo.attach('console errors', { body: consoleErrors.join('\n') });
});
