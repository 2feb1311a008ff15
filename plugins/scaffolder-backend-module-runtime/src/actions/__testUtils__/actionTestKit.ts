import { ConfigReader } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
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
  teams: [{ name: 'search-team', namespace: 'team-search', services: [] }],
};

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

/** Action deps whose permission decisions are all `result`, with a mock auditor. */
export function testDeps(
  clients: RuntimeClients,
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const permissions = mockServices.permissions.mock({
    authorize: async requests => requests.map(() => ({ result })),
  });
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => auditEvent),
  });
  const access = readRuntimeAccess(
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
  const userInfo = mockServices.userInfo({
    userEntityRef: 'user:default/mock',
    ownershipEntityRefs: ['user:default/mock', 'group:default/search-team'],
  });
  const deps: RuntimeActionDeps = {
    clients,
    permissions,
    userInfo,
    access,
    teamNamespaces: new TeamNamespaces({ clients, access }),
    auditor,
  };
  return { deps, permissions, auditor, auditEvent };
}

/** A mock action context with a recording logger, optional dry run and secrets. */
export function testContext<I extends Record<string, any>>(options: {
  input: I;
  secrets?: Record<string, string>;
  isDryRun?: boolean;
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
  return { ...ctx, isDryRun: options.isDryRun, logger } as any;
}

/** Everything an action said: logger calls and outputs, as one string (for leak checks). */
export function everythingSaid(ctx: {
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

/** How {@link runActionOnce} runs an action: its secrets, a dry run, and the permission decision. */
export interface ActionRunOptions {
  secrets?: Record<string, string>;
  isDryRun?: boolean;
  result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
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
  const { deps, auditEvent } = testDeps(clients, options.result);
  const ctx = testContext({
    input,
    secrets: options.secrets,
    isDryRun: options.isDryRun,
  });
  let error: Error | undefined;
  try {
    await createAction(deps).handler(ctx);
  } catch (e) {
    error = e as Error;
  }
  return { ctx, error, auditEvent, said: everythingSaid(ctx) };
}
