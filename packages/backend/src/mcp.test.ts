import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import {
  TemplatesBackend,
  startTemplatesBackend,
} from './testing/startTemplatesBackend';

jest.setTimeout(120_000);

// eslint-disable-next-line no-restricted-syntax
const ENTITIES_FILE = path.resolve(
  __dirname,
  '../../../examples/entities.yaml',
);

/** The example services (examples/entities.yaml), as the portal's file location gives them. */
const catalogModuleExampleServices = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-example-services',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        const location = `file:${ENTITIES_FILE}`;
        const entities = yaml
          .parseAllDocuments(fs.readFileSync(ENTITIES_FILE, 'utf8'))
          .map(doc => doc.toJSON() as Entity)
          .map(entity => ({
            entity: {
              ...entity,
              metadata: {
                ...entity.metadata,
                annotations: {
                  ...entity.metadata.annotations,
                  'backstage.io/managed-by-location': location,
                  'backstage.io/managed-by-origin-location': location,
                },
              },
            },
            locationKey: 'test-example-services',
          }));
        catalog.addEntityProvider({
          getProviderName: () => 'test-example-services',
          connect: connection =>
            connection.applyMutation({ type: 'full', entities }),
        });
      },
    });
  },
});

/** The scaffolder runtime module's tools: provisioning and day 2, each able to change the Runtime. */
const CHANGE_TOOLS = [
  'scaffolder.runtime-secret-create',
  'scaffolder.runtime-bucket-create',
  'scaffolder.runtime-inference-endpoint-create',
  'scaffolder.runtime-workflow-create',
  'scaffolder.runtime-inference-endpoint-update',
  'scaffolder.runtime-workflow-update',
  'scaffolder.runtime-bucket-update',
  'scaffolder.runtime-secret-rotate',
  'scaffolder.runtime-bucket-rotate-credentials',
  'scaffolder.runtime-resource-extend',
  'scaffolder.runtime-application-create',
  'scaffolder.runtime-inference-endpoint-delete',
  'scaffolder.runtime-secret-delete',
  'scaffolder.runtime-bucket-delete',
  'scaffolder.runtime-workflow-delete',
  'scaffolder.runtime-database-create',
  'scaffolder.runtime-database-delete',
  'scaffolder.runtime-route-expose',
  'scaffolder.runtime-route-delete',
];
const READ_TOOLS = [
  'runtime.get-entity-observability',
  'runtime.get-entity-delivery',
  'runtime.get-runtime-health',
  'runtime.get-resource-details',
];

// The portal's MCP server (the MCP actions backend) with the runtime, scaffolder and catalog actions,
// spoken to by the real MCP client over Streamable HTTP as a search-team member, with the real
// permission backend and the Runtime's policy deciding.
describe('the portal as an MCP server', () => {
  let portal: TemplatesBackend;
  let client: Client;

  beforeAll(async () => {
    portal = await startTemplatesBackend({
      features: [
        mcpActionsPlugin,
        actionsRegistryServiceFactory,
        actionsServiceFactory,
        catalogModuleExampleServices,
      ],
      backend: {
        actions: { pluginSources: ['runtime', 'scaffolder', 'catalog'] },
      },
      // Generous: the sandbox shares this process (and the machine) with the backend.
      runtime: { observability: { signalTimeoutMs: 30_000 } },
    });
    await portal.waitForEntity('component/default/semantic-search');
    client = new Client({ name: 'runtime-portal-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(
        new URL(`http://localhost:${portal.server.port()}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: { Authorization: mockCredentials.user.header() },
          },
        },
      ),
    );
  });

  afterAll(async () => {
    await client?.close();
    await portal?.stop();
  });

  /** A tool's result: its structured output, or its error text. */
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const result = await client.callTool({ name, arguments: args });
    const text = (result.content as Array<{ type: string; text: string }>)
      .map(c => c.text)
      .join('');
    return {
      isError: result.isError === true,
      text,
      output: result.structuredContent as any,
    };
  };

  it("lists the Runtime's read-only tools and the provisioning and day-2 tools, with their hints", async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map(t => [t.name, t]));

    for (const name of READ_TOOLS) {
      expect({ name, annotations: byName.get(name)?.annotations }).toEqual({
        name,
        annotations: expect.objectContaining({
          readOnlyHint: true,
          destructiveHint: false,
          idempotentHint: true,
        }),
      });
    }
    expect(
      byName.get('runtime.get-entity-observability')?.inputSchema,
    ).toMatchObject({
      type: 'object',
      required: ['entityRef'],
      properties: {
        entityRef: { type: 'string', description: expect.any(String) },
      },
    });
    for (const name of CHANGE_TOOLS) {
      expect({ name, annotations: byName.get(name)?.annotations }).toEqual({
        name,
        annotations: expect.objectContaining({
          readOnlyHint: false,
          destructiveHint: true,
          idempotentHint: true,
        }),
      });
    }
    expect(tools.some(t => t.name.startsWith('catalog.'))).toBe(true);
    // No other runtime scaffolder tool is offered.
    expect(
      tools
        .map(t => t.name)
        .filter(name => name.startsWith('scaffolder.runtime-'))
        .sort(),
    ).toEqual([...CHANGE_TOOLS].sort());
  });

  it("answers get-runtime-health with the Runtime's environments and their upstreams", async () => {
    const { isError, text, output } = await call('runtime.get-runtime-health');
    expect({ isError, text: isError ? text : '' }).toEqual({
      isError: false,
      text: '',
    });
    expect(output.environments).toHaveLength(1);
    const [dev] = output.environments;
    expect(dev).toMatchObject({ name: 'dev', down: [] });
    expect(dev.upstreams).toEqual(
      expect.arrayContaining([
        { upstream: 'kubernetes', status: 'ok' },
        { upstream: 'openbao', status: 'ok' },
        { upstream: 'prometheus', status: 'ok' },
      ]),
    );
    expect(dev.components.status).toBe('ok');
    expect(dev.components.targets.length).toBeGreaterThan(0);
  });

  it("answers get-entity-observability with the team's service's summary", async () => {
    const { isError, text, output } = await call(
      'runtime.get-entity-observability',
      { entityRef: 'component:default/semantic-search', range: '1h' },
    );
    expect({ isError, text: isError ? text : '' }).toEqual({
      isError: false,
      text: '',
    });
    expect(output).toMatchObject({
      entityRef: 'component:default/semantic-search',
      profile: 'service',
    });
    const [dev] = output.environments;
    expect(dev).toMatchObject({
      environment: 'dev',
      health: 'healthy',
      metrics: { status: 'ok' },
      alerts: { status: 'ok' },
      errorLogs: { status: 'ok', count: expect.any(Number) },
    });
    expect(dev.metrics.current.requestRate).toBeGreaterThan(0);
    expect(dev.metrics.current.errorRatio).toBeGreaterThanOrEqual(0);
    expect(dev.metrics.current.latencyP95).toBeGreaterThan(0);
  });

  it("refuses another team's resource through MCP and shows the team's own: the Runtime's policy decides, as on the resource page", async () => {
    // The Runtime's catalog module names a secret after its path, with a hash.
    const [secretRef] = await portal.catalogEntityRefs(
      /^dev-secret-support-assistant-crm-api-/,
    );
    const refused = await call('runtime.get-resource-details', {
      entityRef: secretRef,
    });
    expect(refused).toEqual({
      isError: true,
      text: `NotAllowedError: Not allowed: the permission runtime.resource.read is required on ${secretRef}`,
      output: undefined,
    });

    const [bucketRef] = await portal.catalogEntityRefs(
      /^dev-bucket-semantic-search-index$/,
    );
    const own = await call('runtime.get-resource-details', {
      entityRef: bucketRef,
    });
    expect(own).toMatchObject({
      isError: false,
      output: { type: 'bucket', name: 'semantic-search-index' },
    });

    const missing = await call('runtime.get-entity-delivery', {
      entityRef: 'component:default/no-such-service',
    });
    expect(missing).toMatchObject({
      isError: true,
      text: 'NotFoundError: No entity component:default/no-such-service',
    });
  });
});
