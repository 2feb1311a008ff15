import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  RUNTIME_ANNOTATIONS,
  RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D,
  runtimeBucketDeletePermission,
  runtimeBucketUpdatePermission,
  runtimeDatabaseDeletePermission,
  runtimeDatabaseUpdatePermission,
  runtimeInferenceEndpointDeletePermission,
  runtimeInferenceEndpointUpdatePermission,
  runtimeSecretDeletePermission,
  runtimeSecretUpdatePermission,
  runtimeWorkflowDeletePermission,
  runtimeWorkflowUpdatePermission,
  runtimeRouteDeletePermission,
  runtimeRouteUpdatePermission,
  RuntimeResourceType,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeResourceIdentity } from './resourceIdentity';

/** The day-2 templates (`examples/templates`), by their `metadata.name` in the `default` namespace. */
const DAY_2_TEMPLATES = {
  scaleInferenceEndpoint: 'runtime-scale-inference-endpoint',
  rotateSecret: 'runtime-rotate-secret',
  updateBucket: 'runtime-update-bucket',
  rotateBucketCredentials: 'runtime-rotate-bucket-credentials',
  updateWorkflow: 'runtime-update-workflow',
  retireResource: 'runtime-retire-resource',
  extendResource: 'runtime-extend-resource',
} as const;

/** One change a resource's page offers: a template opened with the form pre-filled. */
export interface ResourceAction {
  label: string;
  /** What the action does, for the button's description. */
  description: string;
  templateName: string;
  formData: Record<string, unknown>;
  /** Hidden from users who are not allowed this. */
  permission: BasicPermission;
}

/**
 * The permissions of each type's changes; a type without `update` has no change but Retire. A
 * database's and a route's update is only Extend (their expiry is all that changes in place).
 */
const PERMISSIONS: Record<
  RuntimeResourceType,
  { update?: BasicPermission; delete: BasicPermission }
> = {
  'inference-endpoint': {
    update: runtimeInferenceEndpointUpdatePermission,
    delete: runtimeInferenceEndpointDeletePermission,
  },
  secret: {
    update: runtimeSecretUpdatePermission,
    delete: runtimeSecretDeletePermission,
  },
  bucket: {
    update: runtimeBucketUpdatePermission,
    delete: runtimeBucketDeletePermission,
  },
  workflow: {
    update: runtimeWorkflowUpdatePermission,
    delete: runtimeWorkflowDeletePermission,
  },
  database: {
    update: runtimeDatabaseUpdatePermission,
    delete: runtimeDatabaseDeletePermission,
  },
  route: {
    update: runtimeRouteUpdatePermission,
    delete: runtimeRouteDeletePermission,
  },
};

/** The identity fields the change templates take (the retire template also takes the type). */
function where(identity: RuntimeResourceIdentity) {
  const { type, ...rest } = identity;
  return rest;
}

/** The changes of one type, before Retire. */
function changes(
  identity: RuntimeResourceIdentity,
  annotations: Record<string, string>,
): ResourceAction[] {
  const update = PERMISSIONS[identity.type].update;
  if (!update) return [];
  const formData = where(identity);
  switch (identity.type) {
    case 'inference-endpoint': {
      const replicas = (key: string) => {
        const value = Number.parseInt(annotations[key] ?? '', 10);
        return Number.isNaN(value) ? undefined : value;
      };
      return [
        {
          label: 'Scale',
          description: 'Change its replicas or resource profile',
          templateName: DAY_2_TEMPLATES.scaleInferenceEndpoint,
          formData: {
            ...formData,
            minReplicas: replicas(D.minReplicas),
            maxReplicas: replicas(D.maxReplicas),
          },
          permission: update,
        },
      ];
    }
    case 'secret':
      return [
        {
          label: 'Rotate',
          description: 'Store new values as a new version',
          templateName: DAY_2_TEMPLATES.rotateSecret,
          formData,
          permission: update,
        },
      ];
    case 'bucket':
      return [
        {
          label: 'Update',
          description: 'Change its versioning or object expiry',
          templateName: DAY_2_TEMPLATES.updateBucket,
          formData,
          permission: update,
        },
        {
          label: 'Rotate credentials',
          description: "Give the service's MinIO user new keys",
          templateName: DAY_2_TEMPLATES.rotateBucketCredentials,
          formData,
          permission: update,
        },
      ];
    case 'workflow': {
      const updateWorkflow: ResourceAction = {
        label: 'Update',
        description:
          'Change its schedule, the URL it calls or its Temporal retention',
        templateName: DAY_2_TEMPLATES.updateWorkflow,
        formData,
        permission: update,
      };
      // Only an Argo Events workflow can be paused (its EventSource removed, see
      // runtime:workflow:update); a Temporal namespace cannot.
      if (identity.engine !== 'argo-events') return [updateWorkflow];
      const suspended = annotations[D.workflowSuspended] === 'true';
      return [
        updateWorkflow,
        suspended
          ? {
              label: 'Resume',
              description: 'Receive events again: its event source comes back',
              templateName: DAY_2_TEMPLATES.updateWorkflow,
              formData: { ...formData, suspended: false },
              permission: update,
            }
          : {
              label: 'Suspend',
              description:
                'Stop receiving events until resumed: its event source is removed, its spec kept',
              templateName: DAY_2_TEMPLATES.updateWorkflow,
              formData: { ...formData, suspended: true },
              permission: update,
            },
      ];
    }
    default:
      return [];
  }
}

/** Extend, for a resource that records an expiry (`runtime-portal.io/expires-at`). */
function extend(
  identity: RuntimeResourceIdentity,
  annotations: Record<string, string>,
): ResourceAction[] {
  const expiresAt = annotations[RUNTIME_ANNOTATIONS.expiresAt];
  const update = PERMISSIONS[identity.type].update;
  // `runtime:resource:extend` needs the type's update permission.
  if (!expiresAt || !update) return [];
  return [
    {
      label: 'Extend',
      description: `Keep it longer: it expires at ${expiresAt}`,
      templateName: DAY_2_TEMPLATES.extendResource,
      formData: { ...identity },
      permission: update,
    },
  ];
}

/**
 * The changes a live Runtime resource's page offers, in order, ending with Extend (when it expires)
 * and Retire: each opens its day-2 template pre-filled with the resource's identity.
 */
export function resourceActions(
  identity: RuntimeResourceIdentity,
  annotations: Record<string, string> = {},
): ResourceAction[] {
  return [
    ...changes(identity, annotations),
    ...extend(identity, annotations),
    {
      label: 'Retire',
      description: 'Remove it and everything its creation made',
      templateName: DAY_2_TEMPLATES.retireResource,
      formData: { ...identity },
      permission: PERMISSIONS[identity.type].delete,
    },
  ];
}
