import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import { collectConsoleErrors, saveScreen, signIn } from './support';

const CAPABILITY_AREAS = [
  'Network',
  'Access and security',
  'Inference',
  'Workflows and automation',
  'Data and storage',
  'Monitoring and debugging',
  'Integration and delivery',
];

// A chip's label is the upstream's title, followed by ": <reason>" when it is down.
const UPSTREAMS = [
  'Kubernetes',
  'OpenBao',
  'Object storage',
  'Temporal',
  'Prometheus',
  'Alertmanager',
  'Loki',
  'Tempo',
  'Grafana',
  'Argo ?CD',
].map(title => new RegExp(`^${title}(:|$)`, 'i'));

test('browse the Runtime page, search it and open a component', async ({
  page,
}, testInfo) => {
  const consoleErrors = collectConsoleErrors(page);
  await signIn(page);

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Runtime' })
    .click();
  const main = page.getByRole('main');
  await expect(
    main.getByRole('heading', { name: 'Runtime', level: 1 }),
  ).toBeVisible();
  for (const area of CAPABILITY_AREAS) {
    await expect(main.getByText(area, { exact: true })).toBeVisible();
  }
  // Components come from the catalog, with their status per environment (their rows in the map: the
  // firing alerts and the version matrix link to components too).
  const row = (id: string) => main.getByTestId(`runtime-component-${id}`);
  await expect(
    row('kubeai').getByRole('link', { name: 'KubeAI', exact: true }),
  ).toBeVisible();
  await expect(
    row('minio').getByRole('link', { name: 'MinIO', exact: true }),
  ).toBeVisible();
  // The environments bar names each upstream the runtime backend probes, with its state.
  const environment = main.getByText('Development (sandbox):').locator('..');
  await expect(environment.getByText(UPSTREAMS[0])).toBeVisible();
  for (const upstream of UPSTREAMS) {
    await expect
      .soft(
        environment.getByText(upstream),
        `the environments bar names ${upstream}`,
      )
      .toBeVisible({ timeout: 2_000 });
  }
  await expect.soft(environment.getByText(/undefined/)).toHaveCount(0);
  await saveScreen(page, testInfo, 'runtime-page');
  await expectNoAccessibilityViolations(page, testInfo, 'runtime-page');

  const search = main.getByRole('textbox', {
    name: 'Search components and areas',
  });
  await search.fill('kubeai');
  await expect(
    row('kubeai').getByRole('link', { name: 'KubeAI', exact: true }),
  ).toBeVisible();
  await expect(row('minio')).toHaveCount(0);
  await expect(main.getByText('Data and storage', { exact: true })).toHaveCount(
    0,
  );

  await search.fill('no-such-component-xyz');
  await expect(
    main.getByText('No capability area or component matches'),
  ).toBeVisible();

  await search.fill('MinIO');
  await row('minio').getByRole('link', { name: 'MinIO', exact: true }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/minio$/);
  await expect(
    main.getByRole('heading', { name: /^MinIO/, level: 1 }),
  ).toBeVisible();
  const installations = main
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Environment' }) })
    .filter({
      has: page.getByRole('columnheader', { name: 'Replicas ready' }),
    });
  await expect(main.getByText('Installations', { exact: true })).toBeVisible();
  await expect(
    installations.getByRole('row').filter({ hasText: /^dev/ }),
  ).toContainText('Ready');
  await saveScreen(page, testInfo, 'runtime-component', installations);
  await expectNoAccessibilityViolations(page, testInfo, 'runtime-component');

  await testInfo.attach('console errors', { body: consoleErrors.join('\n') });
});
