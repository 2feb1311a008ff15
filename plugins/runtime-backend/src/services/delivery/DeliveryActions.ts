import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  runtimeDeploymentSyncPermission,
  runtimePipelineRetryPermission,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  RuntimeClientsService,
  requirePermission,
  withAuditEvent,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Request } from 'express';
import { SignalReader } from '../signals/SignalReader';
import { DeliveryTarget } from '../entities/deliveryTarget';
import { EntityOwnership } from '../entities/entityOwnership';
import { TargetAccess } from '../entities/TargetAccess';
import { deploymentsKey, pipelinesKey } from './DeliveryService';
import { gitlabProjectPath } from './signals/pipelines';

/**
 * The actions of a service's delivery card: sync one of its Argo CD applications, retry one of its
 * pipelines. Each needs its permission on the entity, acts only on what the entity's annotations name
 * and only when that belongs to the entity's owner (`TargetAccess`), and is audited.
 */
export class DeliveryActions {
  constructor(
    private readonly options: {
      clients: RuntimeClientsService;
      reader: SignalReader;
      permissions: PermissionsService;
      auditor: AuditorService;
      targets: TargetAccess;
    },
  ) {}

  /** Starts an Argo CD sync of `application` in `environment`; it must be one of the entity's. */
  async sync(request: {
    entity: EntityOwnership;
    target: DeliveryTarget;
    environment: string;
    application: string;
    credentials: BackstageCredentials;
    /** The HTTP request, so the audit event names who acted. */
    httpRequest?: Request;
  }): Promise<{ phase: string }> {
    const { clients } = this.options;
    const { entityRef } = request.entity;
    await this.requirePermissionAudited(
      'runtime-deployment-sync',
      request,
      {
        entityRef,
        environment: request.environment,
        application: request.application,
      },
      runtimeDeploymentSyncPermission,
    );
    const argocd = request.target.argocd;
    if (!argocd) {
      throw new InputError(
        `${entityRef} has no argocd/app-name or argocd/app-selector annotation`,
      );
    }
    if (!clients.has(request.environment, 'argocd')) {
      throw new InputError(
        `Argo CD is not configured for ${request.environment}`,
      );
    }
    const client = clients.client(request.environment, 'argocd');
    const own = await client.listApplications(
      'name' in argocd ? { name: argocd.name } : { selector: argocd.selector },
    );
    const app = own.find(a => a.name === request.application);
    if (!app) {
      throw new NotFoundError(
        `${entityRef} has no Argo CD application ${request.application} in ${request.environment}`,
      );
    }
    return this.audited(
      'runtime-deployment-sync',
      request,
      {
        entityRef,
        environment: request.environment,
        application: request.application,
      },
      async () => {
        // Inside the audit event: an attempt on another team's application is recorded as failed.
        await this.options.targets.require(request.entity, {
          kind: 'argocdApplication',
          environment: request.environment,
          application: app.name,
          project: app.project,
          namespace: app.destination.namespace,
        });
        const synced = await client.sync(request.application);
        await this.options.reader.forget(
          deploymentsKey(request.environment, argocd),
        );
        return { phase: synced.operationState?.phase ?? 'Running' };
      },
    );
  }

  /** Retries pipeline `pipelineId` of the entity's GitLab project. */
  async retryPipeline(request: {
    entity: EntityOwnership;
    target: DeliveryTarget;
    pipelineId: number;
    credentials: BackstageCredentials;
    httpRequest?: Request;
  }): Promise<{ status: string }> {
    const { entityRef } = request.entity;
    await this.requirePermissionAudited(
      'runtime-pipeline-retry',
      request,
      { entityRef, pipelineId: request.pipelineId },
      runtimePipelineRetryPermission,
    );
    const project = request.target.gitlabProject;
    if (!project) {
      throw new InputError(
        `${entityRef} has no gitlab.com/project-slug or gitlab.com/project-id annotation`,
      );
    }
    const gitlab = this.options.clients.platformClient('gitlab');
    if (!gitlab) throw new InputError('GitLab is not configured');
    return this.audited(
      'runtime-pipeline-retry',
      request,
      { entityRef, project, pipelineId: request.pipelineId },
      async () => {
        if (!request.entity.trusted) {
          await this.options.targets.require(request.entity, {
            kind: 'gitlabProject',
            path: await gitlabProjectPath(gitlab, project),
          });
        }
        // GitLab answers 404 for a pipeline of another project: the entity cannot reach beyond its own.
        const pipeline = await gitlab.retryPipeline(
          project,
          request.pipelineId,
        );
        await this.options.reader.forget(pipelinesKey(project));
        return { status: pipeline.status };
      },
    );
  }

  /**
   * Checks the per-entity permission before any upstream call; a refusal is recorded as a failed
   * audit event `eventId` (marked `refused`), as a refusal further on is.
   */
  private async requirePermissionAudited(
    eventId: string,
    request: {
      entity: EntityOwnership;
      credentials: BackstageCredentials;
      httpRequest?: Request;
    },
    meta: Record<string, string | number>,
    permission: ResourcePermission,
  ): Promise<void> {
    try {
      await requirePermission(
        this.options.permissions,
        permission,
        request.credentials,
        request.entity.entityRef,
      );
    } catch (error) {
      await this.audited(eventId, request, { ...meta, refused: 'true' }, () =>
        Promise.reject(error),
      ).catch(() => undefined);
      throw error;
    }
  }

  private async audited<T>(
    eventId: string,
    request: { httpRequest?: Request },
    meta: Record<string, string | number>,
    fn: () => Promise<T>,
  ): Promise<T> {
    return withAuditEvent(
      this.options.auditor,
      { eventId, request: request.httpRequest, meta },
      fn,
    );
  }
}
