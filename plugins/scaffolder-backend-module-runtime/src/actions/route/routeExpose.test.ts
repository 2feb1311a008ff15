import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  APISIX_ROUTE_KIND,
  APISIX_TLS_KIND,
  ApisixRoute,
  CERTIFICATE_KIND,
  DNS_ENDPOINT_KIND,
  KubernetesObject,
  RuntimeClients,
  SERVICE_KIND,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  ActionRunOptions,
  TEST_USERS,
  outputsOf,
  runActionOnce,
  sandboxAdminClients,
} from '../__testUtils__/actionTestKit';
import { claimLabels } from '../claimedObject';
import { createRuntimeRouteExposeAction } from './routeExpose';
import { routeClients, startRouteSandbox } from './__testUtils__/routeSandbox';

const search = { owner: 'search-team', service: 'semantic-search' };
const assistant = { owner: 'assistant-team', service: 'chat-assistant' };

const baseInput = {
  environment: 'dev',
  owner: 'group:default/search-team',
  service: 'semantic-search',
  namespace: 'team-search',
  name: 'search-api',
  host: 'search-api',
  servicePort: 8080,
};

describe('runtime:route:expose', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;
  let gatewayIp: string;

  beforeAll(async () => {
    sandbox = await startRouteSandbox();
    clients = routeClients(sandbox);
    const gateway = await clients
      .client('dev', 'kubernetes')
      .get(SERVICE_KIND, 'runtime-network', 'apisix-gateway');
    gatewayIp = (gateway?.status as any)?.loadBalancer?.ingress?.[0]?.ip;
  });
  afterAll(() => sandbox.close());

  const kubernetes = () => clients.client('dev', 'kubernetes');
  const run = (
    input: Record<string, unknown>,
    options: ActionRunOptions = {},
  ) => runActionOnce(createRuntimeRouteExposeAction, clients, input, options);
  const objectsOf = async (name: string, namespace = 'team-search') =>
    Promise.all(
      [
        CERTIFICATE_KIND,
        APISIX_TLS_KIND,
        APISIX_ROUTE_KIND,
        DNS_ENDPOINT_KIND,
      ].map(kind => kubernetes().get<KubernetesObject>(kind, namespace, name)),
    );

  it('the sandbox has the gateway with a LoadBalancer IP', () => {
    expect(gatewayIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('a dry run has the API server validate every object, outputs the URL and changes nothing', async () => {
    const before = await sandbox.snapshot();
    const { ctx, error } = await run(baseInput, { isDryRun: true });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toEqual({
      url: 'https://search-api.apps.dev.runtime.local',
      host: 'search-api.apps.dev.runtime.local',
      certificateName: 'search-api',
      entityRef: 'resource:default/dev-route-team-search-search-api',
    });
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        `Dry run: the API server accepted the Certificate, ApisixTls, ApisixRoute and DNSEndpoint team-search/search-api; https://search-api.apps.dev.runtime.local would send traffic to Service semantic-search:8080, with search-api.apps.dev.runtime.local pointing at the gateway (${gatewayIp})`,
      ),
    );
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('writes the four objects, labelled, which the CRDs accept and the controllers act on', async () => {
    const { ctx, error, auditEvent } = await run(baseInput);
    expect(error).toBeUndefined();
    expect(auditEvent.success).toHaveBeenCalled();
    expect(outputsOf(ctx)).toEqual({
      url: 'https://search-api.apps.dev.runtime.local',
      host: 'search-api.apps.dev.runtime.local',
      certificateName: 'search-api',
      entityRef: 'resource:default/dev-route-team-search-search-api',
    });
    await sandbox.snapshot(); // the controllers have settled
    const [certificate, tls, route, dns] = (await objectsOf(
      'search-api',
    )) as any[];
    for (const object of [certificate, tls, route, dns]) {
      expect(object?.metadata.labels).toMatchObject(claimLabels(search));
    }
    const host = 'search-api.apps.dev.runtime.local';
    expect(certificate.spec).toMatchObject({
      secretName: 'search-api-tls',
      dnsNames: [host],
      issuerRef: {
        name: 'runtime-ca',
        kind: 'ClusterIssuer',
        group: 'cert-manager.io',
      },
    });
    expect(tls.spec).toMatchObject({
      hosts: [host],
      secret: { name: 'search-api-tls', namespace: 'team-search' },
    });
    expect(route.spec.http).toEqual([
      expect.objectContaining({
        name: 'main',
        match: { hosts: [host], paths: ['/*'] },
        backends: [{ serviceName: 'semantic-search', servicePort: 8080 }],
      }),
    ]);
    expect(dns.spec.endpoints).toEqual([
      expect.objectContaining({
        dnsName: host,
        recordType: 'A',
        targets: [gatewayIp],
      }),
    ]);
    // What the upstream controllers report: a ready certificate with its expiry, an accepted route.
    expect(certificate.status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Ready', status: 'True' }),
      ]),
    );
    expect(Date.parse(certificate.status.notAfter)).toBeGreaterThan(Date.now());
    expect(route.status?.conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 'True' })]),
    );
  });

  it('a re-run with the same input writes nothing', async () => {
    const before = await sandbox.snapshot();
    const { ctx, error } = await run(baseInput);
    expect(error).toBeUndefined();
    expect(outputsOf(ctx).url).toBe(
      'https://search-api.apps.dev.runtime.local',
    );
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it.each([
    [
      { host: 'search.elsewhere.example.org' },
      'host',
      "'search.elsewhere.example.org' is outside the configured domains",
    ],
    [
      { host: 'a.b.apps.dev.runtime.local' },
      'host',
      "'a.b.apps.dev.runtime.local' is outside the configured domains",
    ],
    [
      { domain: 'example.org' },
      'domain',
      "'example.org' is not a configured domain",
    ],
  ])(
    'refuses %j outside the configured domains, naming them, before any write',
    async (change, field, why) => {
      const before = await sandbox.snapshot();
      const { error } = await run({ ...baseInput, name: 'outside', ...change });
      expect(error?.name).toBe('InputError');
      expect(error?.message).toBe(
        `Invalid input: ${field}: ${why}; routes in dev must be <label>.<domain> under one of: apps.dev.runtime.local, apps.example.com`,
      );
      expect(await sandbox.snapshot()).toEqual(before);
    },
  );

  it('takes a full host under another configured domain', async () => {
    const { ctx, error } = await run({
      ...baseInput,
      name: 'search-public',
      host: 'search.apps.example.com',
      serviceName: 'semantic-search-web',
      servicePort: 80,
      expiresAfter: '7d',
    });
    expect(error).toBeUndefined();
    expect(outputsOf(ctx)).toMatchObject({
      url: 'https://search.apps.example.com',
      expiresAt: expect.stringMatching(/Z$/),
    });
    const route = await kubernetes().get<ApisixRoute>(
      APISIX_ROUTE_KIND,
      'team-search',
      'search-public',
    );
    expect(route?.spec.http?.[0].backends).toEqual([
      { serviceName: 'semantic-search-web', servicePort: 80 },
    ]);
    expect(route?.metadata.annotations?.['runtime-portal.io/expires-at']).toBe(
      outputsOf(ctx).expiresAt,
    );
  });

  it("refuses a host another team's route holds, in another namespace, and changes nothing", async () => {
    const held = await run(
      {
        ...baseInput,
        owner: 'assistant-team',
        service: 'chat-assistant',
        namespace: 'team-assistant',
        name: 'chat',
        host: 'chat',
      },
      { user: TEST_USERS.assistant },
    );
    expect(held.error).toBeUndefined();
    const before = await sandbox.snapshot();
    const { error } = await run({
      ...baseInput,
      name: 'chat-takeover',
      host: 'chat',
    });
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toBe(
      "Host chat.apps.dev.runtime.local in dev is already held by ApisixRoute team-assistant/chat of owner 'assistant-team', service 'chat-assistant'; choose another host",
    );
    expect(await sandbox.snapshot()).toEqual(before);
    const chat = await kubernetes().get(
      APISIX_ROUTE_KIND,
      'team-assistant',
      'chat',
    );
    expect(chat?.metadata.labels).toMatchObject(claimLabels(assistant));
  });

  it('of two teams exposing the same host at once, exactly one keeps it', async () => {
    const [a, b] = await Promise.all([
      run({ ...baseInput, name: 'race', host: 'race' }),
      run(
        {
          ...baseInput,
          owner: 'assistant-team',
          service: 'chat-assistant',
          namespace: 'team-assistant',
          name: 'race',
          host: 'race',
        },
        { user: TEST_USERS.assistant },
      ),
    ]);
    expect([a.error, b.error].filter(Boolean)).toHaveLength(1);
    expect((a.error ?? b.error)?.name).toBe('ConflictError');
    const [loser] = a.error ? ['team-search'] : ['team-assistant'];
    expect(await objectsOf('race', loser)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('a failure midway (the DNSEndpoint refused) leaves nothing of the run behind', async () => {
    const before = await sandbox.snapshot();
    const client = kubernetes();
    const create = client.create.bind(client);
    const spy = jest
      .spyOn(client, 'create')
      .mockImplementation(async (object, options) => {
        if (object.kind === 'DNSEndpoint' && !options?.dryRun) {
          throw new Error('admission webhook denied the DNSEndpoint');
        }
        return create(object, options);
      });
    try {
      const { error, ctx } = await run({
        ...baseInput,
        name: 'half',
        host: 'half',
      });
      expect(error?.message).toContain(
        'admission webhook denied the DNSEndpoint',
      );
      expect(ctx.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'Deleting ApisixRoute team-search/half, created by this run',
        ),
      );
    } finally {
      spy.mockRestore();
    }
    expect(await objectsOf('half')).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it('refuses without the permission, or in another team’s namespace, before any write', async () => {
    const before = await sandbox.snapshot();
    const denied = await run(
      { ...baseInput, name: 'denied', host: 'denied' },
      { result: AuthorizeResult.DENY },
    );
    expect(denied.error?.name).toBe('NotAllowedError');
    const elsewhere = await run({
      ...baseInput,
      name: 'elsewhere',
      host: 'elsewhere',
      namespace: 'team-assistant',
    });
    expect(elsewhere.error?.name).toBe('NotAllowedError');
    const otherService = await run({
      ...baseInput,
      name: 'other',
      host: 'other',
      service: 'chat-assistant',
    });
    expect(otherService.error?.name).toBe('NotAllowedError');
    expect(await sandbox.snapshot()).toEqual(before);
  });

  it("never rewrites another team's object of the route's name in the owner's namespace", async () => {
    // Another team's Certificate in team-search (made directly: the portal would not make it).
    const admin = sandboxAdminClients(sandbox).client('dev', 'kubernetes');
    await admin.create({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: {
        name: 'foreign',
        namespace: 'team-search',
        labels: claimLabels(assistant),
      },
      spec: {
        secretName: 'foreign-tls',
        dnsNames: ['foreign.apps.dev.runtime.local'],
        issuerRef: {
          name: 'runtime-ca',
          kind: 'ClusterIssuer',
          group: 'cert-manager.io',
        },
      },
    });
    const before = await sandbox.snapshot();
    const { error } = await run({
      ...baseInput,
      name: 'foreign',
      host: 'foreign',
    });
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toBe(
      "Certificate team-search/foreign in dev already exists and belongs to owner 'assistant-team', service 'chat-assistant', not search-team/semantic-search",
    );
    expect(await sandbox.snapshot()).toEqual(before);
  });
});
