import { RUNTIME_EXPIRES_AT_ANNOTATION } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  KubeAIModel,
  KubeAIModelSpec,
  MODEL_KIND,
  apiVersionOf,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { ResourceClaim } from '../shared';
import { claimLabels } from '../claimedObject';

/** The fields of a Model's spec the portal writes (and so owns, as field manager `runtime-portal`). */
export type ModelSettings = Pick<
  KubeAIModelSpec,
  | 'url'
  | 'engine'
  | 'features'
  | 'minReplicas'
  | 'maxReplicas'
  | 'resourceProfile'
  | 'args'
  | 'env'
>;

/**
 * The KubeAI `Model` the portal writes for `settings`: labelled with its claim and as managed by
 * the portal, with only the settings given (an absent optional one is left out), and annotated with
 * `expiresAt` when given.
 */
export function modelObject(
  target: {
    name: string;
    namespace: string;
    claim: ResourceClaim;
    expiresAt?: string;
  },
  settings: ModelSettings,
): KubeAIModel {
  const spec: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(settings)) {
    if (value !== undefined) spec[field] = value;
  }
  return {
    apiVersion: apiVersionOf(MODEL_KIND),
    kind: MODEL_KIND.kind,
    metadata: {
      name: target.name,
      namespace: target.namespace,
      labels: {
        ...claimLabels(target.claim),
        'app.kubernetes.io/managed-by': 'runtime-portal',
      },
      ...(target.expiresAt
        ? {
            annotations: {
              [RUNTIME_EXPIRES_AT_ANNOTATION]: target.expiresAt,
            },
          }
        : {}),
    },
    spec: spec as KubeAIModelSpec,
  };
}

/** The settings the portal wrote on a live Model, read back (see {@link modelObject}). */
export function modelSettingsOf(model: KubeAIModel): ModelSettings {
  const { spec } = model;
  return {
    url: spec.url,
    engine: spec.engine,
    features: spec.features,
    minReplicas: spec.minReplicas,
    maxReplicas: spec.maxReplicas,
    resourceProfile: spec.resourceProfile,
    args: spec.args,
    env: spec.env,
  };
}
