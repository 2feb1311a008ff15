import {
  RUNTIME_OWNER_LABEL,
  RUNTIME_SERVICE_LABEL,
  runtimeApplicationCreatePermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  ArgoCdApplication,
  ArgoCdApplicationManifest,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { z as zod } from 'zod/v3';
import {
  RuntimeActionDeps,
  RuntimeActionRun,
  audited,
  defineProvisioningAction,
  dnsLabel,
  environmentField,
  ownerField,
  ownerName,
  requireSameClaim,
  serviceField,
  toScaffolderAction,
} from '../shared';
import { examples } from './applicationCreate.examples';
import {
  requireTeamArgoCdProject,
  requireTeamRepository,
} from './applicationSource';

/** The cluster Argo CD runs in, where the team namespaces are. */
const IN_CLUSTER = 'https://kubernetes.default.svc';

/** The input schema (zod form); the action list shows it as JSON schema. */
const inputSchema = (z: typeof zod) =>
  z.object({
    environment: environmentField(z),
    owner: ownerField(z),
    service: serviceField(z).describe(
      'Service (component name) the application deploys; also the application name',
    ),
    project: z
      .string()
      .regex(
        /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
        'must be lowercase letters, digits and "-"',
      )
      .max(63, 'must be at most 63 characters')
      .describe(
        "Argo CD project of the application: one of the owner's (runtime.access.teams[].argocdProjects)",
      ),
    repoUrl: z
      .string()
      .min(1, 'is required')
      .max(2048, 'must be at most 2048 characters')
      .describe(
        "Git URL of the repository on the platform GitLab, in one of the owner's GitLab groups (e.g. publish:gitlab's remoteUrl)",
      ),
    path: z
      .string()
      .max(1024, 'must be at most 1024 characters')
      .regex(
        /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w./-]+$/,
        'must be a relative path in the repository, without ".."',
      )
      .default('deploy')
      .describe('Directory of the Kubernetes manifests in the repository'),
    namespace: dnsLabel(
      z,
      "Kubernetes namespace the application deploys to: one of the owner's",
    ),
    targetRevision: z
      .string()
      .max(255, 'must be at most 255 characters')
      .regex(/^[\w./-]+$/, 'must be a branch, tag, commit or HEAD')
      .default('HEAD')
      .describe('Branch, tag or commit to deploy; HEAD is the default branch'),
  });

const outputSchema = (z: typeof zod) =>
  z.object({
    application: z.string().describe('Name of the Argo CD application'),
    url: z.string().describe("The application's page in Argo CD"),
    syncStatus: z
      .string()
      .describe(
        'Its sync status right after the run (Synced, OutOfSync or Unknown while Argo CD compares)',
      ),
    entityRef: z
      .string()
      .describe(
        'Catalog entity ref of the service the application deploys (component:default/<service>)',
      ),
  });

type Input = zod.output<ReturnType<typeof inputSchema>>;

/** The outputs of `runtime:application:create`. */
type ApplicationCreateOutput = zod.output<ReturnType<typeof outputSchema>>;

/**
 * `runtime:application:create`: creates the service's Argo CD Application through Argo CD's API,
 * syncing `path` of the team's repository into the team's namespace automatically (prune and
 * self-heal, `CreateNamespace=false`), labelled with the owner and service.
 *
 * Checked before any upstream call: the project is one of the owner's Argo CD projects and the
 * repository is on the platform GitLab in one of the owner's groups (and, as for every action, the
 * namespace is the owner's). Idempotent: an application of that name with the same labels and spec
 * is left as it is; one with the same labels and another spec is updated (Argo CD's upsert); one
 * labelled for another owner or service is a `ConflictError`. A dry run reads but writes nothing.
 *
 * @public
 */
export const applicationCreateAction = defineProvisioningAction({
  id: 'runtime:application:create',
  registryName: 'runtime-application-create',
  title: "Deploy a service's repository with Argo CD",
  description:
    "Creates the service's Argo CD application: it syncs a directory of the team's GitLab repository into the team's namespace automatically. The project, repository and namespace must be the owner's.",
  examples,
  inputSchema,
  outputSchema,
  permission: runtimeApplicationCreatePermission,
  upstream: () => 'argocd',
  destructive: true,
  provision: provisionApplication,
});

/**
 * The scaffolder action `runtime:application:create` (see `applicationCreateAction`).
 *
 * @public
 */
export function createRuntimeApplicationAction(deps: RuntimeActionDeps) {
  return toScaffolderAction(applicationCreateAction, deps);
}

/** The Application the input asks for. */
function manifestOf(input: Input): ArgoCdApplicationManifest {
  return {
    name: input.service,
    labels: {
      [RUNTIME_OWNER_LABEL]: ownerName(input.owner),
      [RUNTIME_SERVICE_LABEL]: input.service,
    },
    project: input.project,
    source: {
      repoURL: input.repoUrl,
      path: input.path,
      targetRevision: input.targetRevision,
    },
    destination: { server: IN_CLUSTER, namespace: input.namespace },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: ['CreateNamespace=false'],
    },
  };
}

/** Whether an existing application already has the spec the manifest asks for. */
function sameSpec(
  existing: ArgoCdApplication,
  wanted: ArgoCdApplicationManifest,
): boolean {
  const automated = existing.syncPolicy?.automated;
  return (
    existing.project === wanted.project &&
    existing.source?.repoURL === wanted.source.repoURL &&
    (existing.source?.path ?? '') === wanted.source.path &&
    (existing.source?.targetRevision ?? 'HEAD') ===
      wanted.source.targetRevision &&
    existing.destination.server === wanted.destination.server &&
    existing.destination.name === undefined &&
    existing.destination.namespace === wanted.destination.namespace &&
    automated?.prune === true &&
    automated?.selfHeal === true &&
    JSON.stringify(existing.syncPolicy?.syncOptions ?? []) ===
      JSON.stringify(wanted.syncPolicy?.syncOptions)
  );
}

async function provisionApplication(
  deps: RuntimeActionDeps,
  input: Input,
  run: RuntimeActionRun,
): Promise<ApplicationCreateOutput> {
  const owner = ownerName(input.owner);
  const claim = { owner, service: input.service };
  const wanted = manifestOf(input);
  const access = deps.clients.environment(input.environment).argocd!;
  const url = `${(access.uiUrl ?? access.url).replace(
    /\/+$/,
    '',
  )}/applications/${encodeURIComponent(input.service)}`;
  const subject = `Argo CD application ${input.service} in ${input.environment}`;
  let syncStatus = 'Unknown';

  await audited(
    run,
    deps,
    'runtime-application-create',
    {
      environment: input.environment,
      application: input.service,
      owner,
      service: input.service,
      project: input.project,
      repoUrl: input.repoUrl,
      path: input.path,
      namespace: input.namespace,
      targetRevision: input.targetRevision,
    },
    async () => {
      // Refused before any call to Argo CD.
      requireTeamArgoCdProject(deps.access, input.owner, input.project);
      requireTeamRepository(
        deps.clients,
        deps.access,
        input.owner,
        input.repoUrl,
      );
      const argocd = deps.clients.client(input.environment, 'argocd');
      const [existing] = await argocd.listApplications({
        name: input.service,
        signal: run.signal,
      });
      if (existing) {
        requireSameClaim(
          subject,
          {
            owner: existing.labels[RUNTIME_OWNER_LABEL],
            service: existing.labels[RUNTIME_SERVICE_LABEL],
          },
          claim,
        );
        syncStatus = existing.sync.status;
      }
      const unchanged = existing !== undefined && sameSpec(existing, wanted);
      const source = `${input.repoUrl} (${input.path} at ${input.targetRevision})`;
      let change = existing ? 'update' : 'create';
      if (unchanged) change = 'keep';
      if (run.isDryRun) {
        run.logger.info(
          `Dry run: would ${change} the Argo CD application ${input.service} in project ${input.project}, syncing ${source} into ${input.namespace} automatically`,
        );
        return;
      }
      if (unchanged) {
        run.logger.info(
          `Argo CD application ${input.service} exists with this spec; nothing to do`,
        );
        return;
      }
      await run.checkpoint({
        key: `application.${input.environment}.${input.service}`,
        fn: async () => {
          await argocd.createApplication(wanted, {
            upsert: existing !== undefined,
            signal: run.signal,
          });
          run.logger.info(
            `${existing ? 'Updated' : 'Created'} the Argo CD application ${
              input.service
            } in project ${input.project}: it syncs ${source} into ${
              input.namespace
            }`,
          );
        },
      });
      const created = await argocd.getApplication(input.service, {
        project: input.project,
        signal: run.signal,
      });
      syncStatus = created.sync.status;
    },
  );

  return {
    application: input.service,
    url,
    syncStatus,
    entityRef: `component:default/${input.service}`,
  };
}
