import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  RUNTIME_ANNOTATIONS,
  RUNTIME_RESOURCE_TYPES,
  RuntimeResourceDetails,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  RuntimeClients,
  withTimeout,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { bucketDetails } from './bucketDetails';
import { inferenceEndpointDetails } from './inferenceEndpointDetails';
import { secretDetails } from './secretDetails';
import { workflowDetails } from './workflowDetails';

const LOADERS = {
  [RUNTIME_RESOURCE_TYPES.inferenceEndpoint]: inferenceEndpointDetails,
  [RUNTIME_RESOURCE_TYPES.bucket]: bucketDetails,
  [RUNTIME_RESOURCE_TYPES.secret]: secretDetails,
  [RUNTIME_RESOURCE_TYPES.workflow]: workflowDetails,
} as const;

/**
 * Live details of a runtime Resource entity, read from its own environment's upstream (the entity's
 * environment annotation must name a configured environment: an entity never chooses a URL).
 */
export class ResourceDetailsService {
  constructor(
    private readonly options: { clients: RuntimeClients; timeoutMs?: number },
  ) {}

  /** The details of one runtime Resource; an InputError for any other entity. */
  async details(entity: Entity): Promise<RuntimeResourceDetails> {
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
      withTimeout(this.options.timeoutMs ?? 10_000),
    );
  }
}
