import { screen } from '@testing-library/react';
import { RuntimeDatabaseDetails } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeResourceCard } from './RuntimeResourceCard';
import {
  bucketDetails,
  endpointDetails,
  secretDetails,
  workflowDetails,
} from './__testUtils__/fixtures';
import {
  errorBody,
  jsonResponse,
  renderResourceCard,
  resourceEntity,
} from './__testUtils__/testHelpers';

const databaseDetails: RuntimeDatabaseDetails = {
  type: 'database',
  environment: 'dev',
  name: 'orders',
  host: 'postgres.dev',
  port: 5432,
  role: 'orders',
  connections: 0,
};

const cases = [
  ['inference-endpoint', 'VLLM', endpointDetails],
  ['bucket', 'http://minio.minio.svc:9000', bucketDetails],
  ['secret', 'semantic-search/database', secretDetails],
  ['workflow', 'webhook POST /recordings', workflowDetails],
  ['database', 'postgres.dev:5432/orders', databaseDetails],
] as const;

describe('RuntimeResourceCard', () => {
  it.each(cases)(
    'picks the %s card by spec.type',
    async (type, shown, details) => {
      const { urls } = await renderResourceCard(
        <RuntimeResourceCard />,
        resourceEntity(type, 'dev-x'),
        () => jsonResponse(200, details),
      );
      expect(await screen.findByText(shown)).toBeInTheDocument();
      expect(urls).toEqual([
        'http://backstage.test/api/runtime/entity/Resource/default/dev-x/resource',
      ]);
    },
  );

  it.each(cases)('shows progress while the %s loads', async type => {
    await renderResourceCard(
      <RuntimeResourceCard />,
      resourceEntity(type),
      () => new Promise<Response>(() => {}),
    );
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it.each(cases)(
    'says the %s was not found in its environment on 404',
    async type => {
      await renderResourceCard(
        <RuntimeResourceCard />,
        {
          ...resourceEntity(type),
          metadata: { ...resourceEntity(type).metadata, title: 'thing (dev)' },
        },
        () =>
          jsonResponse(404, errorBody(404, 'NotFoundError', 'no such thing')),
      );
      expect(
        await screen.findByText(/thing \(dev\) not found in dev/),
      ).toBeInTheDocument();
    },
  );

  it.each(cases)('shows the error of a failed %s request', async type => {
    await renderResourceCard(
      <RuntimeResourceCard />,
      resourceEntity(type),
      () =>
        jsonResponse(
          503,
          errorBody(503, 'ServiceUnavailableError', 'OpenBao did not answer'),
        ),
    );
    expect(
      await screen.findByText(/Could not load the live details/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/OpenBao did not answer/).length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it.each(cases)(
    'says why the %s may not be read, without a retry',
    async type => {
      const message = `Not allowed: resource:default/dev-${type}-x was not made by the Runtime's entity provider`;
      await renderResourceCard(
        <RuntimeResourceCard />,
        resourceEntity(type),
        () => jsonResponse(403, errorBody(403, 'NotAllowedError', message)),
      );
      expect(
        await screen.findByText(/Not allowed to see the live details of/),
      ).toBeInTheDocument();
      expect(screen.getByText(message)).toBeInTheDocument();
      expect(
        screen.queryByRole('button', { name: 'Retry' }),
      ).not.toBeInTheDocument();
    },
  );

  it('renders nothing for an entity that is not a runtime resource', async () => {
    const { urls } = await renderResourceCard(
      <div data-testid="host">
        <RuntimeResourceCard />
      </div>,
      resourceEntity('message-queue'),
      () => jsonResponse(200, {}),
    );
    expect(screen.getByTestId('host')).toBeEmptyDOMElement();
    expect(urls).toEqual([]);
  });

  it('says so when the backend describes another type than the entity has', async () => {
    await renderResourceCard(
      <RuntimeResourceCard />,
      resourceEntity('bucket'),
      () => jsonResponse(200, secretDetails),
    );
    expect(
      await screen.findByText(/described this bucket as secret/),
    ).toBeInTheDocument();
  });
});
