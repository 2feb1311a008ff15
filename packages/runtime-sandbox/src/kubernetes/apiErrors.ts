import { ResourceType, qualifiedKind, qualifiedResource } from './resources';

/** One entry of a `Status` body's `details.causes`. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** The `details` of a `Status` body. */
export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

/**
 * A failed request as kube-apiserver reports it: an HTTP code and a `Status` object with a machine
 * reason, a message and optional details. Thrown by the API server logic and written by the handler.
 */
export class KubeApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    readonly listContinue?: string,
  ) {
    super(message);
  }

  /** The `Status` body sent to the client. */
  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: this.listContinue ? { continue: this.listContinue } : {},
      status: 'Failure',
      message: this.message,
      // An error kube-apiserver does not classify (an internal one) has no reason at all.
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

function detailsOf(
  resource: ResourceType,
  name: string,
  kind = resource.plural,
) {
  return { name, group: resource.group || undefined, kind };
}

/** 404: `models.kubeai.org "x" not found`. */
export function notFound(resource: ResourceType, name: string): KubeApiError {
  return new KubeApiError(
    404,
    'NotFound',
    `${qualifiedResource(resource)} "${name}" not found`,
    detailsOf(resource, name),
  );
}

/** 404 for a path that names no resource. */
export function pathNotFound(): KubeApiError {
  return new KubeApiError(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}

/** 409 on create of an existing name. */
export function alreadyExists(
  resource: ResourceType,
  name: string,
): KubeApiError {
  return new KubeApiError(
    409,
    'AlreadyExists',
    `${qualifiedResource(resource)} "${name}" already exists`,
    detailsOf(resource, name),
  );
}

/** 409 on a write whose precondition (resourceVersion or uid) does not hold. */
export function conflict(
  resource: ResourceType,
  name: string,
  why = 'the object has been modified; please apply your changes to the latest version and try again',
): KubeApiError {
  return new KubeApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(
      resource,
    )} "${name}": ${why}`,
    detailsOf(resource, name),
  );
}

/** Renders a cause the way field.Error.Error() does: `spec.url: Required value`. */
function renderCause(cause: StatusCause): string {
  return cause.field ? `${cause.field}: ${cause.message}` : cause.message ?? '';
}

/** 422 with the field errors as causes: `Model.kubeai.org "x" is invalid: spec.url: Required value`. */
export function invalid(
  resource: ResourceType,
  name: string,
  causes: StatusCause[],
): KubeApiError {
  const rendered = causes.map(renderCause);
  const summary =
    rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`;
  return new KubeApiError(
    422,
    'Invalid',
    `${qualifiedKind(resource)} "${name}" is invalid: ${summary}`,
    { ...detailsOf(resource, name, resource.kind), causes },
  );
}

/** 401 for a missing or wrong bearer token (the body says no more, as the real server's does). */
export function unauthorized(): KubeApiError {
  return new KubeApiError(401, 'Unauthorized', 'Unauthorized');
}

/** 403 with kube-apiserver's wording. */
export function forbidden(
  resource: ResourceType,
  name: string,
  why: string,
): KubeApiError {
  return new KubeApiError(
    403,
    'Forbidden',
    `${qualifiedResource(resource)} "${name}" is forbidden: ${why}`,
    detailsOf(resource, name),
  );
}

/** 400 with a message. */
export function badRequest(message: string): KubeApiError {
  return new KubeApiError(400, 'BadRequest', message);
}

/** 405 for a verb the path does not support. */
export function methodNotAllowed(): KubeApiError {
  return new KubeApiError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
    {},
  );
}

/**
 * 415 for a body type the request does not accept, as kube-apiserver's
 * `negotiation.NewUnsupportedMediaTypeError` words it: the accepted media types in the message,
 * no details.
 */
export function unsupportedMediaType(accepted: string[]): KubeApiError {
  return new KubeApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
      ', ',
    )}`,
  );
}

/** 410 for a continue token whose snapshot has been compacted away. */
export function expired(inconsistentContinue: string): KubeApiError {
  return new KubeApiError(
    410,
    'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
    undefined,
    inconsistentContinue,
  );
}

/** 413 for an oversized body. */
export function requestEntityTooLarge(limitBytes: number): KubeApiError {
  return new KubeApiError(
    413,
    'RequestEntityTooLarge',
    `Request entity too large: limit is ${limitBytes}`,
  );
}

/** 500 for a bug in the sandbox (never expected). */
export function internalError(error: unknown): KubeApiError {
  return new KubeApiError(
    500,
    'InternalError',
    `Internal error occurred: ${
      error instanceof Error ? error.message : String(error)
    }`,
    { causes: [{ message: String(error) }] },
  );
}
