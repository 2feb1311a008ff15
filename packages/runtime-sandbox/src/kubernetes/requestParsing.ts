import http from 'node:http';
import yaml from 'yaml';
import {
  KubeApiError,
  badRequest,
  notFound,
  pathNotFound,
  requestEntityTooLarge,
  unsupportedMediaType,
} from './apiErrors';
import { patchTypeOfMediaType } from './operations/patchTypes';
import { PatchType, WritableSubresource } from './operations/types';
import { ResourceType, findResourceByPlural } from './resources';
import { FieldValidation } from './validation/unknownFields';

/** The resource a request path names: `/api/v1/...` or `/apis/{group}/{version}/...`. */
export interface ResourceTarget {
  resource: ResourceType;
  /** Undefined for cluster-scoped kinds and for lists across all namespaces. */
  namespace?: string;
  name?: string;
  subresource?: WritableSubresource;
}

const MAX_BODY_BYTES = 3 * 1024 * 1024;

/**
 * 404 for a subresource the sandbox does not serve (`/status` is the only one it serves): for a
 * custom resource the NotFound kube-apiserver's CRD handler answers, naming the object
 * (`models.kubeai.org "x" not found`); for a built-in kind the 404 for a path with no route.
 */
function subresourceNotFound(resource: ResourceType, name: string) {
  return resource.custom ? notFound(resource, name) : pathNotFound();
}

/**
 * Parses a resource path. Returns undefined when the path is not a resource path at all
 * (discovery and the like), and throws 404 for a resource path naming nothing served.
 */
export function parseResourcePath(
  pathname: string,
): ResourceTarget | undefined {
  const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments[1] === 'v1' && segments.length > 2) {
    [group, version, rest] = ['', 'v1', segments.slice(2)];
  } else if (segments[0] === 'apis' && segments.length > 3) {
    [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
  } else {
    return undefined;
  }

  let namespace: string | undefined;
  let parts = rest;
  const namespacedPlural =
    rest[0] === 'namespaces' && rest.length >= 3
      ? findResourceByPlural(group, version, rest[2])
      : undefined;
  if (namespacedPlural?.namespaced) {
    namespace = rest[1];
    parts = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = parts;
  const resource = findResourceByPlural(group, version, plural);
  if (!resource || extra.length > 0) throw pathNotFound();
  if (resource.namespaced && namespace === undefined && name !== undefined)
    throw pathNotFound();
  if (
    subresource !== undefined &&
    !(subresource === 'status' && resource.statusSubresource)
  ) {
    throw subresourceNotFound(resource, name);
  }
  return {
    resource,
    namespace,
    name,
    subresource: subresource as WritableSubresource | undefined,
  };
}

/** The options a write request carries in its query. */
export interface WriteQuery {
  dryRun: boolean;
  fieldManager?: string;
  force?: boolean;
  /** `fieldValidation` (`Strict`, `Warn`, `Ignore`); `Warn` when absent, as kube-apiserver. */
  fieldValidation: FieldValidation;
}

/** kube-apiserver's allowed `fieldValidation` values, in its (sorted) order. */
const FIELD_VALIDATION_VALUES = ['', 'Ignore', 'Strict', 'Warn'];

function optionsInvalid(
  kind: string,
  field: string,
  message: string,
): KubeApiError {
  return new KubeApiError(
    422,
    'Invalid',
    `${kind}.meta.k8s.io "" is invalid: ${field}: ${message}`,
    {
      group: 'meta.k8s.io',
      kind,
      causes: [{ reason: 'FieldValueNotSupported', message, field }],
    },
  );
}

/**
 * Reads `dryRun`, `fieldManager`, `force` and `fieldValidation`, validated as kube-apiserver
 * validates them.
 */
export function parseWriteQuery(
  query: URLSearchParams,
  optionsKind: string,
): WriteQuery {
  const dryRun = query.getAll('dryRun');
  dryRun.forEach((value, i) => {
    if (value !== 'All') {
      throw optionsInvalid(
        optionsKind,
        `dryRun[${i}]`,
        `Unsupported value: "${value}": supported values: "All"`,
      );
    }
  });
  const fieldManager = query.get('fieldManager') ?? undefined;
  if (fieldManager !== undefined && fieldManager.length > 128) {
    throw optionsInvalid(
      optionsKind,
      'fieldManager',
      'Too long: may not be more than 128 bytes',
    );
  }
  const force = query.get('force');
  if (force !== null && force !== 'true' && force !== 'false') {
    throw badRequest(`invalid value for force: ${force}`);
  }
  // DeleteOptions has no fieldValidation: the parameter means nothing there.
  const fieldValidation =
    optionsKind === 'DeleteOptions' ? '' : query.get('fieldValidation') ?? '';
  if (!FIELD_VALIDATION_VALUES.includes(fieldValidation)) {
    throw optionsInvalid(
      optionsKind,
      'fieldValidation',
      `Unsupported value: "${fieldValidation}": supported values: ${FIELD_VALIDATION_VALUES.map(
        v => `"${v}"`,
      ).join(', ')}`,
    );
  }
  return {
    dryRun: dryRun.length > 0,
    fieldManager,
    force: force === null ? undefined : force === 'true',
    fieldValidation: (fieldValidation || 'Warn') as FieldValidation,
  };
}

/** Reads `limit` (a non-negative integer). */
export function parseLimit(query: URLSearchParams): number | undefined {
  const raw = query.get('limit');
  if (raw === null || raw === '') return undefined;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 0) {
    throw badRequest(
      `limit: Invalid value: "${raw}": must be a non-negative integer`,
    );
  }
  return limit;
}

/**
 * The field manager kube-apiserver uses for a non-apply write without `fieldManager`: the
 * User-Agent up to its first `/`.
 */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const prefix = (userAgent ?? '').split('/')[0].trim();
  return (prefix || 'unknown').slice(0, 128);
}

/** Reads the whole request body (at most 3 MiB, as kube-apiserver's default limit). */
export async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw requestEntityTooLarge(MAX_BODY_BYTES);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function mediaType(req: http.IncomingMessage): string {
  return (req.headers['content-type'] ?? 'application/json')
    .split(';')[0]
    .trim()
    .toLowerCase();
}

/**
 * The patch type a PATCH's Content-Type names, checked before anything else of the request as
 * kube-apiserver's `PatchResource` does: 415 `UnsupportedMediaType` for a type the resource does
 * not accept (JSON patch, or strategic merge patch on a custom resource).
 */
export function patchTypeOf(
  req: http.IncomingMessage,
  resource: ResourceType,
): PatchType {
  return patchTypeOfMediaType(resource, mediaType(req));
}

/** Decodes a JSON (or, for apply and YAML bodies, YAML) request body. */
export function decodeBody(req: http.IncomingMessage, text: string): unknown {
  if (!text.trim()) return undefined;
  const type = mediaType(req);
  const isYaml =
    type === 'application/apply-patch+yaml' || type === 'application/yaml';
  if (!isYaml && !type.endsWith('json')) {
    throw unsupportedMediaType(['application/json', 'application/yaml']);
  }
  try {
    return isYaml ? yaml.parse(text) : JSON.parse(text);
  } catch (error) {
    throw badRequest(
      `error decoding ${isYaml ? 'YAML' : 'JSON'}: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}
