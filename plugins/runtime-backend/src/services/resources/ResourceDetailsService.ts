import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  RUNTIME_ANNOTATIONS,
  RUNTIME_RESOURCE_TYPES,
  RuntimeResourceDetails,
  runtimeResourceReadPermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  RuntimeClientsService,
  requirePermission,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { isRuntimeProviderEntity } from '../entities/entityOwnership';
import { bucketDetails } from './bucketDetails';
import { databaseDetails } from './databaseDetails';
import { inferenceEndpointDetails } from './inferenceEndpointDetails';
import { secretDetails } from './secretDetails';
import { workflowDetails } from './workflowDetails';

const LOADERS = {
  [RUNTIME_RESOURCE_TYPES.inferenceEndpoint]: inferenceEndpointDetails,
  [RUNTIME_RESOURCE_TYPES.bucket]: bucketDetails,
  [RUNTIME_RESOURCE_TYPES.secret]: secretDetails,
  [RUNTIME_RESOURCE_TYPES.workflow]: workflowDetails,
  [RUNTIME_RESOURCE_TYPES.database]: databaseDetails,
} as const;

/**
 * Live details of a runtime Resource entity, read from its own environment's upstream (the entity's
 * environment annotation must name a configured environment: an entity never chooses a URL). The
 * caller needs `runtime.resource.read` on the entity, and only entities the Runtime's entity provider
 * made are read: a hand-made Resource could name any team's secret or bucket.
 */
export class ResourceDetailsService {
  constructor(
    private readonly options: {
      clients: RuntimeClientsService;
      permissions: PermissionsService;
      timeoutMs?: number;
    },
  ) {}

  /**
   * The details of one runtime Resource: a NotAllowedError without the permission or for an entity the
   * runtime provider did not make, an InputError for an entity that is no runtime Resource.
   */
  async details(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<RuntimeResourceDetails> {
    const entityRef = stringifyEntityRef(entity);
    await requirePermission(
      this.options.permissions,
      runtimeResourceReadPermission,
      credentials,
      entityRef,
    );
    const type = entity.spec?.type as keyof typeof LOADERS;
    const annotations = entity.metadata.annotations ?? {};
    const environment = annotations[RUNTIME_ANNOTATIONS.environment];
    const upstreamRef = annotations[RUNTIME_ANNOTATIONS.upstreamRef];
    if (
      entity.kind !== 'Resource' ||
      !LOADERS[type] ||
      !environment ||
      !upstreamRef
    ) {
      throw new InputError(
        'Only runtime Resources (with runtime-portal.io/environment and upstream-ref) have live details',
      );
    }
    if (!isRuntimeProviderEntity(entity)) {
      throw new NotAllowedError(
        `Not allowed: ${entityRef} was not made by the Runtime's entity provider (backstage.io/managed-by-location is '${
          annotations['backstage.io/managed-by-location'] ?? 'unset'
        }'), so its runtime-portal.io/upstream-ref is not trusted to name its team's ${type}`,
      );
    }
    const { clients } = this.options;
    if (!clients.environments().some(e => e.name === environment)) {
      throw new NotFoundError(
        `Runtime environment '${environment}' is not configured`,
      );
    }
    return LOADERS[type](
      clients,
      environment,
      upstreamRef,
      AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    );
  }
}
