import { StatusCause } from '../apiErrors';
import { KubernetesObject, isPlainObject } from '../objects';
import {
  checkMinimum,
  hasType,
  invalidValue,
  notSupported,
  required,
  tooMany,
} from './fieldErrors';

/**
 * Validation of KubeAI's `Model` (kubeai.org/v1) as its CRD declares it
 * (`charts/kubeai/templates/crds/kubeai.org_models.yaml`): the OpenAPI schema (required fields,
 * types, enums, minimums, maxItems) and the `x-kubernetes-validations` CEL rules, with the
 * messages those rules carry. CEL rule failures report the type of the checked value, as the API
 * server does (`Invalid value: "string": ...`).
 */

/** `spec.engine` values. */
export const MODEL_ENGINES = ['OLlama', 'VLLM', 'FasterWhisper', 'Infinity'];
/** `spec.features` item values. */
export const MODEL_FEATURES = [
  'TextGeneration',
  'TextEmbedding',
  'Reranking',
  'SpeechToText',
];
const LOAD_BALANCING_STRATEGIES = ['LeastLoad', 'PrefixHash'];
const URL_PREFIXES = [
  'hf://',
  'pvc://',
  'ollama://',
  's3://',
  'gs://',
  'oss://',
];
const CACHEABLE_PREFIXES = ['hf://', 's3://', 'gs://', 'oss://'];
const ADAPTER_PREFIXES = ['hf://', 's3://', 'gs://', 'oss://'];
const MAX_NAME_LENGTH = 40;

const startsWithAny = (value: string, prefixes: string[]) =>
  prefixes.some(p => value.startsWith(p));

function celFailure(
  field: string,
  value: unknown,
  message: string,
): StatusCause {
  let type: string = typeof value;
  if (Array.isArray(value)) type = 'array';
  else if (isPlainObject(value)) type = 'object';
  return invalidValue(field, type, message);
}

function validateStringList(
  causes: StatusCause[],
  field: string,
  value: unknown,
) {
  if (hasType(causes, field, value, 'array')) {
    (value as unknown[]).forEach((item, i) =>
      hasType(causes, `${field}[${i}]`, item, 'string'),
    );
  }
}

function validateFiles(causes: StatusCause[], files: unknown) {
  if (!hasType(causes, 'spec.files', files, 'array')) return;
  const list = files as unknown[];
  if (list.length > 10) causes.push(tooMany('spec.files', list.length, 10));
  list.forEach((file, i) => {
    const field = `spec.files[${i}]`;
    if (!hasType(causes, field, file, 'object')) return;
    const { path, content } = file as Record<string, unknown>;
    if (path === undefined) causes.push(required(`${field}.path`));
    if (content === undefined) causes.push(required(`${field}.content`));
    if (
      hasType(causes, `${field}.content`, content, 'string') &&
      (content as string).length > 100000
    ) {
      causes.push(
        invalidValue(
          `${field}.content`,
          content,
          'may not be more than 100000 bytes',
        ),
      );
    }
    if (hasType(causes, `${field}.path`, path, 'string')) {
      const p = path as string;
      if (p.length > 1024)
        causes.push(
          invalidValue(`${field}.path`, p, 'may not be more than 1024 bytes'),
        );
      if (!p.startsWith('/') || p.includes(':')) {
        causes.push(
          celFailure(
            `${field}.path`,
            p,
            "Path must be an absolute path, starting with /, and must not contain a ':' character.",
          ),
        );
      }
    }
  });
  const paths = list
    .map(f => (isPlainObject(f) ? f.path : undefined))
    .filter((p): p is string => typeof p === 'string');
  if (new Set(paths).size !== paths.length) {
    causes.push(
      celFailure('spec.files', list, 'All file paths must be unique.'),
    );
  }
}

function validateAdapters(causes: StatusCause[], adapters: unknown) {
  if (!hasType(causes, 'spec.adapters', adapters, 'array')) return;
  (adapters as unknown[]).forEach((adapter, i) => {
    const field = `spec.adapters[${i}]`;
    if (!hasType(causes, field, adapter, 'object')) return;
    const { name, url } = adapter as Record<string, unknown>;
    if (name === undefined) causes.push(required(`${field}.name`));
    if (url === undefined) causes.push(required(`${field}.url`));
    if (hasType(causes, `${field}.name`, name, 'string')) {
      const n = name as string;
      if (n.length > 63)
        causes.push(
          invalidValue(`${field}.name`, n, 'may not be more than 63 bytes'),
        );
      if (!/^[a-z0-9-]+$/.test(n)) {
        causes.push(
          invalidValue(
            `${field}.name`,
            n,
            `${field}.name in body should match '^[a-z0-9-]+$'`,
          ),
        );
      }
    }
    if (
      hasType(causes, `${field}.url`, url, 'string') &&
      !startsWithAny(url as string, ADAPTER_PREFIXES)
    ) {
      causes.push(
        celFailure(
          `${field}.url`,
          url,
          'adapter url must start with "hf://", "s3://", "gs://", or "oss://".',
        ),
      );
    }
  });
}

function validateLoadBalancing(causes: StatusCause[], loadBalancing: unknown) {
  if (!hasType(causes, 'spec.loadBalancing', loadBalancing, 'object')) return;
  const { strategy, prefixHash } = loadBalancing as Record<string, unknown>;
  if (
    hasType(causes, 'spec.loadBalancing.strategy', strategy, 'string') &&
    !LOAD_BALANCING_STRATEGIES.includes(strategy as string)
  ) {
    causes.push(
      notSupported(
        'spec.loadBalancing.strategy',
        strategy,
        LOAD_BALANCING_STRATEGIES,
      ),
    );
  }
  if (hasType(causes, 'spec.loadBalancing.prefixHash', prefixHash, 'object')) {
    const { meanLoadFactor, prefixCharLength, replication } =
      prefixHash as Record<string, unknown>;
    checkMinimum(
      causes,
      'spec.loadBalancing.prefixHash.meanLoadFactor',
      meanLoadFactor,
      100,
    );
    hasType(
      causes,
      'spec.loadBalancing.prefixHash.prefixCharLength',
      prefixCharLength,
      'integer',
    );
    hasType(
      causes,
      'spec.loadBalancing.prefixHash.replication',
      replication,
      'integer',
    );
  }
}

function validateSpecSchema(
  causes: StatusCause[],
  spec: Record<string, unknown>,
) {
  for (const field of [
    'engine',
    'features',
    'scaleDownDelaySeconds',
    'targetRequests',
    'url',
  ]) {
    if (spec[field] === undefined) causes.push(required(`spec.${field}`));
  }
  if (
    hasType(causes, 'spec.url', spec.url, 'string') &&
    !startsWithAny(spec.url as string, URL_PREFIXES)
  ) {
    causes.push(
      celFailure(
        'spec.url',
        spec.url,
        'url must start with "hf://", "pvc://", "ollama://", "s3://", "gs://", or "oss://" and not be empty.',
      ),
    );
  }
  if (
    hasType(causes, 'spec.engine', spec.engine, 'string') &&
    !MODEL_ENGINES.includes(spec.engine as string)
  ) {
    causes.push(notSupported('spec.engine', spec.engine, MODEL_ENGINES));
  }
  if (hasType(causes, 'spec.features', spec.features, 'array')) {
    (spec.features as unknown[]).forEach((feature, i) => {
      const field = `spec.features[${i}]`;
      if (
        hasType(causes, field, feature, 'string') &&
        !MODEL_FEATURES.includes(feature as string)
      ) {
        causes.push(notSupported(field, feature, MODEL_FEATURES));
      }
    });
  }
  checkMinimum(causes, 'spec.minReplicas', spec.minReplicas, 0);
  checkMinimum(causes, 'spec.maxReplicas', spec.maxReplicas, 1);
  checkMinimum(causes, 'spec.targetRequests', spec.targetRequests, 1);
  hasType(causes, 'spec.replicas', spec.replicas, 'integer');
  hasType(
    causes,
    'spec.scaleDownDelaySeconds',
    spec.scaleDownDelaySeconds,
    'integer',
  );
  hasType(
    causes,
    'spec.autoscalingDisabled',
    spec.autoscalingDisabled,
    'boolean',
  );
  for (const field of [
    'resourceProfile',
    'cacheProfile',
    'image',
    'priorityClassName',
    'owner',
  ]) {
    hasType(causes, `spec.${field}`, spec[field], 'string');
  }
  validateStringList(causes, 'spec.args', spec.args);
  if (hasType(causes, 'spec.env', spec.env, 'object')) {
    for (const [key, value] of Object.entries(spec.env as object)) {
      hasType(causes, `spec.env.${key}`, value, 'string');
    }
  }
  hasType(causes, 'spec.envFrom', spec.envFrom, 'array');
  if (spec.files !== undefined) validateFiles(causes, spec.files);
  if (spec.adapters !== undefined) validateAdapters(causes, spec.adapters);
  if (spec.loadBalancing !== undefined)
    validateLoadBalancing(causes, spec.loadBalancing);
}

function validateSpecRules(
  causes: StatusCause[],
  spec: Record<string, unknown>,
  oldSpec: Record<string, unknown> | undefined,
) {
  const url = typeof spec.url === 'string' ? spec.url : undefined;
  const hasCache = spec.cacheProfile !== undefined;
  if (url !== undefined) {
    if (hasCache && !startsWithAny(url, CACHEABLE_PREFIXES)) {
      causes.push(
        celFailure(
          'spec',
          spec,
          'cacheProfile is only supported with urls of format "hf://...", "s3://...", "gs://...", or "oss://..." at the moment.',
        ),
      );
    }
    if (url.startsWith('gs://') && !hasCache) {
      causes.push(
        celFailure(
          'spec',
          spec,
          'urls of format "gs://..." only supported when using a cacheProfile',
        ),
      );
    }
    if (url.startsWith('oss://') && !hasCache) {
      causes.push(
        celFailure(
          'spec',
          spec,
          'urls of format "oss://..." only supported when using a cacheProfile',
        ),
      );
    }
  }
  const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 0;
  if (typeof spec.maxReplicas === 'number' && min > spec.maxReplicas) {
    causes.push(
      celFailure(
        'spec',
        spec,
        'minReplicas should be less than or equal to maxReplicas.',
      ),
    );
  }
  if (spec.adapters !== undefined && spec.engine !== 'VLLM') {
    causes.push(
      celFailure('spec', spec, 'adapters only supported with VLLM engine.'),
    );
  }
  if (oldSpec) {
    if (oldSpec.cacheProfile !== undefined && spec.url !== oldSpec.url) {
      causes.push(
        celFailure('spec', spec, 'url is immutable when using cacheProfile.'),
      );
    }
    if (
      oldSpec.cacheProfile !== undefined &&
      spec.cacheProfile !== undefined &&
      spec.cacheProfile !== oldSpec.cacheProfile
    ) {
      causes.push(
        celFailure(
          'spec.cacheProfile',
          spec.cacheProfile,
          'cacheProfile is immutable.',
        ),
      );
    }
  }
}

/**
 * Validates a (defaulted) Model against its CRD; `old` enables the transition rules of an update.
 * Returns the field errors, empty when valid.
 */
export function validateModel(
  model: KubernetesObject,
  old?: KubernetesObject,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = model.metadata?.name ?? '';
  if (name.length > MAX_NAME_LENGTH) {
    // A rule on the root of the schema: kube-apiserver reports it without a field path.
    causes.push(
      celFailure('<nil>', model, 'name must not exceed 40 characters.'),
    );
  }
  if (
    model.spec !== undefined &&
    hasType(causes, 'spec', model.spec, 'object')
  ) {
    const before = causes.length;
    validateSpecSchema(causes, model.spec);
    // The sandbox evaluates the CEL rules only on a spec that passed the schema checks (the
    // rules assume well-typed fields).
    if (causes.length === before) {
      validateSpecRules(
        causes,
        model.spec,
        isPlainObject(old?.spec) ? old!.spec : undefined,
      );
    }
  }
  if (model.status !== undefined)
    hasType(causes, 'status', model.status, 'object');
  return causes;
}
