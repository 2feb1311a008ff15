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
