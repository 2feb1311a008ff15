/**
 * Kubernetes label that names the team (Backstage group) owning a live Runtime resource.
 *
 * @public
 */
export const RUNTIME_OWNER_LABEL = 'runtime-portal.io/owner';

/**
 * Kubernetes label that names the service (Backstage component) that uses a live Runtime resource.
 *
 * @public
 */
export const RUNTIME_SERVICE_LABEL = 'runtime-portal.io/service';

/**
 * Key of the owner in OpenBao custom metadata, S3 bucket tags and Temporal namespace data.
 *
 * @public
 */
export const RUNTIME_OWNER_METADATA_KEY = 'owner';

/**
 * Key of the using service in OpenBao custom metadata, S3 bucket tags and Temporal namespace data.
 *
 * @public
 */
export const RUNTIME_SERVICE_METADATA_KEY = 'service';

/**
 * The field manager the suite uses for Kubernetes server-side apply.
 *
 * @public
 */
export const RUNTIME_FIELD_MANAGER = 'runtime-portal';

/**
 * Kubernetes annotation recording when a live Runtime resource expires, as an ISO 8601 UTC
 * timestamp (e.g. `2026-12-12T12:00:00Z`); the portal retires the resource after it.
 *
 * @public
 */
export const RUNTIME_EXPIRES_AT_ANNOTATION = 'runtime-portal.io/expires-at';

/**
 * Key of the expiry (an ISO 8601 UTC timestamp) in OpenBao custom metadata, S3 bucket tags and
 * Temporal namespace data.
 *
 * @public
 */
export const RUNTIME_EXPIRES_AT_METADATA_KEY = 'expires-at';

/**
 * Kubernetes annotation on the Sensor of a suspended Argo Events workflow: the JSON record
 * (`spec`, `labels`, `annotations`) of its EventSource, which suspending removed and resuming
 * creates again from this record.
 *
 * @public
 */
export const RUNTIME_SUSPENDED_EVENT_SOURCE_ANNOTATION =
  'runtime-portal.io/suspended-event-source';
