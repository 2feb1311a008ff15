import { APIRequestContext, expect, Page, test } from '@playwright/test';

/**
 * Checks of the app made by @backstage/create-app with the Runtime Portal installed (scripts/install-test):
 * nothing here knows how the app was made, only what an adopter should see after following the README.
 */

type Entity = {
  kind: string;
  metadata: { name: string; namespace?: string; title?: string };
  spec?: Record<string, unknown>;
};

/** A token of the template's guest user, as the browser gets it. */
async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()).backstageIdentity.token;
}

/** The catalog's entities matching a filter (`GET /api/catalog/entities/by-query`). */
async function queryCatalog(
  request: APIRequestContext,
  filter: string,
): Promise<Entity[]> {
  const response = await request.get(
    `/api/catalog/entities/by-query?filter=${encodeURIComponent(filter)}`,
    { headers: { Authorization: `Bearer ${await guestToken(request)}` } },
  );
  if (!response.ok()) return [];
  return (await response.json()).items;
}

/** The catalog's first inference endpoint Resource named after `model`, once the catalog has it. */
async function inferenceEndpoint(
  request: APIRequestContext,
  model: string,
): Promise<Entity> {
  let found: Entity | undefined;
  await expect
    .poll(
      async () => {
        const endpoints = await queryCatalog(
          request,
          'kind=resource,spec.type=inference-endpoint',
        );
        found = endpoints.find(e => e.metadata.title?.startsWith(`${model} `));
        return found?.metadata.name;
      },
      { timeout: 90_000, intervals: [2_000] },
    )
    .toBeTruthy();
  return found!;
}

/** Signs in on the template's sign-in page (its guest provider's "Enter"), then opens `path`. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click();
  await expect(enter).toBeHidden();
  // Signed in: the app's navigation is there.
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await page.goto(path);
}

test('the catalog holds the Runtime: its domain, components and live resources', async ({
  request,
}) => {
  // The catalog module's first refresh runs when the backend starts; give it time to land.
  await expect
    .poll(
      async () =>
        (
          await queryCatalog(request, 'kind=domain,metadata.name=runtime')
        ).length,
      { timeout: 90_000, intervals: [2_000] },
    )
    .toBe(1);
  const systems = await queryCatalog(
    request,
    'kind=system,spec.domain=runtime',
  );
  expect(systems.length).toBe(7);
  const components = await queryCatalog(request, 'kind=component');
  expect(components.map(c => c.metadata.name)).toEqual(
    expect.arrayContaining(['kubeai', 'minio', 'openbao', 'temporal']),
  );
  const endpoint = await inferenceEndpoint(request, 'bge-small-embeddings');
  expect(endpoint.spec).toMatchObject({
    type: 'inference-endpoint',
    owner: expect.stringMatching(/search-team$/),
  });
});

test('the Runtime page renders the capability areas and the environment', async ({
  page,
}) => {
  await open(page, '/runtime');
  // One title: the app's page header (from PageBlueprint's title); the plugin adds no second one.
  const title = page.getByRole('heading', { name: 'Runtime', level: 1 });
  await expect(title).toBeVisible();
  await expect(title).toHaveCount(1);
  const main = page.getByRole('main');
  for (const area of [
    'Inference',
    'Data and storage',
    'Monitoring and debugging',
  ]) {
    await expect(main.getByText(area, { exact: true })).toBeVisible();
  }
  // KubeAI's row in the map (the firing alerts and the version matrix link to it too).
  await expect(
    main
      .getByTestId('runtime-component-kubeai')
      .getByRole('link', { name: 'KubeAI', exact: true }),
  ).toBeVisible({ timeout: 60_000 });
  // The environments bar: the configured environment and the upstreams the runtime backend probes.
  const environment = main
    .getByText('Development (sandbox):', { exact: true })
    .locator('..');
  await expect(environment.getByText('Kubernetes')).toBeVisible();
  await expect(environment.getByText('Prometheus')).toBeVisible();
  // The page's item in the app's navigation comes from the plugin (PageBlueprint's title).
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Runtime' }),
  ).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('runtime-page.png'),
  });
});

test("an inference endpoint's page shows the observability card and tab", async ({
  page,
  request,
}) => {
  const endpoint = await inferenceEndpoint(request, 'bge-small-embeddings');
  await open(page, `/catalog/default/resource/${endpoint.metadata.name}`);
  const main = page.getByRole('main');
  const observed = main.getByRole('region', { name: 'Environment dev' });
  await expect(observed.getByText('healthy', { exact: true })).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    observed.getByRole('table', { name: 'Metrics in dev' }),
  ).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('observability-card.png'),
  });
  // The entity content extension: the Observability tab (a link in the entity page's tab bar) and its charts.
  await main.getByRole('link', { name: 'Observability', exact: true }).click();
  await expect(page).toHaveURL(/\/observability$/);
  await expect(
    main.getByRole('img', { name: 'Request rate chart' }),
  ).toBeVisible();
});
