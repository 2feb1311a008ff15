import { ConfigReader } from '@backstage/config';
import {
  BackstageUserPrincipal,
  LoggerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  RuntimeClients,
  TeamNamespaces,
  readRuntimeAccess,
} from '@runtime-portal/backstage-plugin-runtime-node';
import {
  RuntimeSeed,
  Sandbox,
  sandboxEnvironmentConfig,
  startSandbox,
} from '@runtime-portal/runtime-sandbox';
import { RuntimeActionDeps } from '../shared';

/** A small Runtime: KubeAI and one team namespace, nothing provisioned yet. */
export const TEST_SEED: RuntimeSeed = {
  components: [
    {
      name: 'kubeai',
      area: 'inference',
      namespace: 'runtime-inference',
      version: '0.14.0',
      workload: 'Deployment',
      replicas: 1,
    },
  ],
  teams: [
    { name: 'search-team', namespace: 'team-search', services: [] },
    { name: 'assistant-team', namespace: 'team-assistant', services: [] },
  ],
};

/** The test users: a search-team member (the default caller), an assistant-team member, a platform admin. */
export const TEST_USERS = {
  search: 'user:default/mock',
  assistant: 'user:default/ava',
  admin: 'user:default/pat',
} as const;

/** The groups each test user belongs to. */
const TEST_MEMBERSHIPS: Record<string, string[]> = {
  [TEST_USERS.search]: ['group:default/search-team'],
  [TEST_USERS.assistant]: ['group:default/assistant-team'],
  [TEST_USERS.admin]: ['group:default/platform-team'],
};

/** The services the test catalog knows: semantic-search is search-team's, chat-assistant assistant-team's. */
export const TEST_COMPONENTS: Entity[] = [
  component('semantic-search', 'group:default/search-team'),
  component('chat-assistant', 'assistant-team'),
];

function component(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

/**
 * The user info of the test users: each owns through themselves and their groups; a user principal
 * the directory does not know owns through itself only; any other principal is refused.
 */
export function testUserInfo(): UserInfoService {
  return {
    async getUserInfo(credentials) {
      const principal = credentials.principal as BackstageUserPrincipal;
      if (principal?.type !== 'user') {
        throw new NotAllowedError('User info is only available for users');
      }
      const ref = principal.userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(TEST_MEMBERSHIPS[ref] ?? [])],
      };
    },
  };
}

/** The Runtime access config of the tests: platform-team administers; search-team owns team-search. */
function testAccess() {
  return readRuntimeAccess(
    new ConfigReader({
      runtime: {
        access: {
          platformAdmins: ['group:default/platform-team'],
          teams: [
            { group: 'group:default/search-team', namespaces: ['team-search'] },
          ],
        },
      },
    }),
  );
}

/** Starts the sandbox on free ports with {@link TEST_SEED}. */
export async function startTestSandbox(
  seed: RuntimeSeed = TEST_SEED,
): Promise<Sandbox> {
  return startSandbox({
    ports: 'free',
    seed,
    readyAfterMs: 200,
  });
}

/** Clients for one environment `dev` pointing at the sandbox. */
export function sandboxClients(sandbox: Sandbox): RuntimeClients {
  return RuntimeClients.fromConfig(
    new ConfigReader({
      runtime: { environments: [sandboxEnvironmentConfig(sandbox)] },
    }),
  );
}

/**
 * Clients for `dev` with the sandbox administrator's credentials: for a test that sets up state the
 * portal itself may not write (another party's change), never for the code under test.
 */
export function sandboxAdminClients(sandbox: Sandbox): RuntimeClients {
  return RuntimeClients.fromConfig(
    new ConfigReader({
      runtime: {
        environments: [
          sandboxEnvironmentConfig(sandbox, 'dev', sandbox.adminCredentials),
        ],
      },
    }),
  );
}

/**
 * Action deps whose permission decisions are all `result`, with a mock auditor; the catalog holds
 * {@link TEST_COMPONENTS} and `entities`.
 */
export function testDeps(
  clients: RuntimeClients,
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  entities: Entity[] = [],
) {
  const permissions = mockServices.permissions.mock({
    authorize: async requests => requests.map(() => ({ result })),
  });
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => auditEvent),
  });
  const access = testAccess();
  const deps: RuntimeActionDeps = {
    clients,
    permissions,
    userInfo: testUserInfo(),
    access,
    teamNamespaces: new TeamNamespaces({ clients, access }),
    catalog: catalogServiceMock({
      entities: [...TEST_COMPONENTS, ...entities],
    }),
    auth: mockServices.auth(),
    auditor,
  };
  return { deps, permissions, auditor, auditEvent };
}

/**
 * A mock action context with a recording logger, optional dry run and secrets, run by `user`
 * (default: the search-team member).
 */
export function testContext<I extends Record<string, any>>(options: {
  input: I;
  secrets?: Record<string, string>;
  isDryRun?: boolean;
  user?: string;
}): ActionContext<any, any> & {
  logger: jest.Mocked<LoggerService>;
  output: jest.Mock;
} {
  const logger = mockServices.logger.mock();
  const ctx = createMockActionContext({
    input: options.input as any,
    secrets: options.secrets,
    logger,
  });
  const user = options.user ?? TEST_USERS.search;
  const credentials = mockCredentials.user(user);
  return {
    ...ctx,
    isDryRun: options.isDryRun,
    logger,
    user: { ref: user },
    getInitiatorCredentials: async () => credentials,
  } as any;
}

/** Everything an action said: logger calls and outputs, as one string (for leak checks). */
function everythingSaid(ctx: {
  logger: jest.Mocked<LoggerService>;
  output: jest.Mock;
}): string {
  const calls = ['error', 'warn', 'info', 'debug'].flatMap(
    level => (ctx.logger as any)[level].mock.calls,
  );
  return JSON.stringify([calls, ctx.output.mock.calls]);
}

/** The outputs of an action run, by name. */
export function outputsOf(ctx: { output: jest.Mock }): Record<string, unknown> {
  return Object.fromEntries(ctx.output.mock.calls);
}

/** How {@link runActionOnce} runs an action: its caller, secrets, a dry run, and the permission decision. */
export interface ActionRunOptions {
  /** The caller (one of {@link TEST_USERS}); default the search-team member. */
  user?: string;
  secrets?: Record<string, string>;
  isDryRun?: boolean;
  result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** More catalog entities besides {@link TEST_COMPONENTS} (e.g. one that depends on the resource). */
  entities?: Entity[];
}

/**
 * Runs once the scaffolder action that `createAction` builds, against `clients`. Returns its context,
 * what it threw (if anything), its audit event and everything it said.
 */
export async function runActionOnce(
  createAction: (deps: RuntimeActionDeps) => {
    handler(ctx: ActionContext<any, any>): Promise<void>;
  },
  clients: RuntimeClients,
  input: Record<string, unknown>,
  options: ActionRunOptions = {},
) {
  const { deps, auditor, auditEvent } = testDeps(
    clients,
    options.result,
    options.entities,
  );
  const ctx = testContext({
    input,
    secrets: options.secrets,
    isDryRun: options.isDryRun,
    user: options.user,
  });
  let error: Error | undefined;
  try {
    await createAction(deps).handler(ctx);
  } catch (e) {
    error = e as Error;
  }
  return { ctx, error, auditor, auditEvent, said: everythingSaid(ctx) };
}

/**
 * A secret's stored values and version, read with the sandbox's root token as the service would (the
 * portal itself never reads values); `undefined` when there is none.
 */
export async function readStoredSecret(
  sandbox: Sandbox,
  path: string,
): Promise<{ data: Record<string, string>; version: number } | undefined> {
  const response = await fetch(
    `${sandbox.urls.openbao}/v1/secret/data/${path}`,
    { headers: { 'X-Vault-Token': sandbox.adminCredentials.openbaoToken } },
  );
  if (response.status === 404) return undefined;
  const body = await response.json();
  return { data: body.data.data, version: body.data.metadata.version };
}
