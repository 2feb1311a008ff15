import { expect, test } from '@playwright/test';
import { saveScreen, signIn } from './support';

/** The sandbox's development commands (packages/runtime-sandbox/dev/index.ts). */
const SANDBOX_ADMIN =
  process.env.RUNTIME_SANDBOX_ADMIN_URL ?? 'http://127.0.0.1:7999';

const sandbox = async (upstream: string, action: 'stop' | 'start') => {
  const response = await fetch(
    `${SANDBOX_ADMIN}/upstreams/${upstream}/${action}`,
    { method: 'POST' },
  );
  expect(response.status).toBe(204);
};

test('with Loki stopped, a service still shows everything else and its log panel says why', async ({
  page,
}, testInfo) => {
  await sandbox('loki', 'stop');
  try {
    await signIn(page);
    // A service no other journey opens, so no cached answer hides the outage.
    await page.goto(
      '/catalog/default/component/meeting-transcriber/observability',
    );
    const main = page.getByRole('main');
    await expect(main.getByText(/Loki is unavailable/)).toBeVisible({
      timeout: 30_000,
    });
    await expect(
      main.getByRole('img', { name: 'Request rate chart' }),
    ).toBeVisible();
    await expect(main.getByRole('region', { name: 'Traces' })).toBeVisible();
    await expect(
      main.getByRole('region', { name: 'Dashboards' }).getByRole('row').nth(1),
    ).toBeVisible();
    await saveScreen(
      page,
      testInfo,
      'loki-down',
      main.getByText(/Loki is unavailable/),
    );
  } finally {
    await sandbox('loki', 'start');
  }
});
