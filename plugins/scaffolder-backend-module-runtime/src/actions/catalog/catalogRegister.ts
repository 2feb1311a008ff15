import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  RuntimeCaller,
  mayActFor,
  resolveRuntimeCaller,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionDeps,
  RuntimeActionRun,
  audited,
  parseInput,
  writeOutputs,
} from '../shared';
import { auditRefusal } from '../shared/audit';
import {
  authorizeCatalogInfo,
  entityRefOf,
  parseCatalogInfo,
} from './catalogInfoEntities';
import {
  CatalogInfoLocation,
  resolveCatalogInfoLocation,
} from './catalogInfoUrl';
import { examples } from './catalogRegister.examples';
import { addLocationOnce } from './addLocationOnce';

/** The action id, used in templates. */
const CATALOG_REGISTER_ACTION_ID = 'runtime:catalog:register';
const AUDIT_EVENT_ID = 'runtime-catalog-register';

/**
 * What `runtime:catalog:register` needs besides the module's deps: Backstage's URL readers and the
 * configured SCM integrations.
 *
 * @public
 */
export interface CatalogRegisterDeps extends RuntimeActionDeps {
  /** Reads the catalog-info file (with the integration's token). */
  urlReader: UrlReaderService;
  /** The configured integrations, to resolve the file's URL with. */
  integrations: ScmIntegrationRegistry;
  /** The platform GitLab's hosts (`readPlatformGitLabHosts`): only files there are registered. */
  gitlabHosts: string[];
}

/** The action's input: as `catalog:register`'s (a repository and a path, or the file's URL). */
export const inputSchema = (z: typeof zod) =>
  z.union([
    z
      .object({
        repoContentsUrl: z
          .string()
          .url()
          .describe(
            'The repository root on the platform GitLab, e.g. the repoContentsUrl output of publish:gitlab',
          ),
        catalogInfoPath: z
          .string()
          .max(500)
          .optional()
          .describe(
            'The catalog-info file, relative to the repository root (default /catalog-info.yaml)',
          ),
      })
      .strict(),
    z
      .object({
        catalogInfoUrl: z
          .string()
          .url()
          .describe('The catalog-info file on the platform GitLab'),
      })
      .strict(),
  ]);

/** The action's outputs, as `catalog:register`'s. */
const outputSchema = (z: typeof zod) =>
  z.object({
    entityRef: z
      .string()
      .describe('The registered Component (else the first entity)'),
    catalogInfoUrl: z.string().describe('The registered file'),
  });

type Output = zod.output<ReturnType<typeof outputSchema>>;

/**
 * Registers a team's catalog-info file with the scaffolder's own service credentials, after checking
 * the initiator: the file is on the platform GitLab in a GitLab group of its owner, and each entity
 * is a Component or an API owned by a team the initiator is a member of, claiming no reserved
 * annotation and taking over no other team's entity. A dry run reads and checks, registers nothing.
 * An existing registration of the same file is success. Refusals are audited too.
 */
async function runCatalogRegister(
  deps: CatalogRegisterDeps,
  run: RuntimeActionRun,
): Promise<Output> {
  const input = parseInput(inputSchema(zod), run.input);
  const given =
    'catalogInfoUrl' in input ? input.catalogInfoUrl : input.repoContentsUrl;
  let location: CatalogInfoLocation;
  let entities: Entity[];
  try {
    location = resolveCatalogInfoLocation(
      deps.integrations,
      deps.gitlabHosts,
      input,
    );
    const credentials = await run.getInitiatorCredentials();
    const caller = await resolveRuntimeCaller(
      deps.userInfo,
      deps.access,
      credentials,
    );
    entities = await readCatalogInfo(deps, location, run.signal);
    authorizeCatalogInfo(caller, deps.access, location, entities);
    await requireNoTakeover(deps, caller, entities);
  } catch (error) {
    await auditRefusal(run, deps, AUDIT_EVENT_ID, error as Error, {
      catalogInfoUrl: given,
    });
    throw error;
  }
  const output = {
    entityRef: entityRefOf(mainEntity(entities)),
    catalogInfoUrl: location.url,
  };
  const meta = {
    catalogInfoUrl: location.url,
    entityRefs: entities.map(entityRefOf),
  };
  if (run.isDryRun) {
    run.logger.info(
      `Dry run: would register ${location.url} (${meta.entityRefs.join(
        ', ',
      )}) in the catalog`,
    );
    return output;
  }
  return audited(run, deps, AUDIT_EVENT_ID, meta, async () => {
    const { created } = await addLocationOnce(deps, location.url);
    run.logger.info(
      created
        ? `Registered ${location.url} in the catalog`
        : `${location.url} was already registered in the catalog`,
    );
    return output;
  });
}

/**
 * The `runtime:catalog:register` scaffolder action.
 *
 * @public
 */
export function createRuntimeCatalogRegisterAction(deps: CatalogRegisterDeps) {
  return createTemplateAction({
    id: CATALOG_REGISTER_ACTION_ID,
    description:
      "Registers a team's catalog-info file from the platform GitLab in the catalog with the scaffolder's own credentials, after checking the initiator may act for each entity's owner",
    examples,
    supportsDryRun: true,
    schema: { input: inputSchema, output: outputSchema },
    async handler(ctx) {
      writeOutputs(ctx, await runCatalogRegister(deps, ctx));
    },
  });
}

async function readCatalogInfo(
  deps: CatalogRegisterDeps,
  location: CatalogInfoLocation,
  signal?: AbortSignal,
): Promise<Entity[]> {
  const response = await deps.urlReader.readUrl(location.url, { signal });
  const text = (await response.buffer()).toString('utf8');
  return parseCatalogInfo(text, location.url);
}

/** Refuses an entity the catalog already has with an owner the caller may not act for. */
async function requireNoTakeover(
  deps: CatalogRegisterDeps,
  caller: RuntimeCaller,
  entities: Entity[],
): Promise<void> {
  const refs = entities.map(entityRefOf);
  const { items } = await deps.catalog.getEntitiesByRefs(
    { entityRefs: refs },
    { credentials: await deps.auth.getOwnServiceCredentials() },
  );
  items.forEach((existing, i) => {
    if (!existing) return;
    const owner = existing.spec?.owner;
    let allowed = false;
    try {
      allowed = typeof owner === 'string' && mayActFor(caller, owner);
    } catch {
      allowed = false;
    }
    if (!allowed) {
      throw new NotAllowedError(
        `Not allowed: ${refs[i]} is already in the catalog, owned by ${String(
          owner,
        )}, which ${caller.userEntityRef} may not act for`,
      );
    }
  });
}

/** The entity the template links to: as `catalog:register`, a Component first, else the first entity. */
function mainEntity(entities: Entity[]): Entity {
  return entities.find(e => e.kind === 'Component') ?? entities[0];
}
