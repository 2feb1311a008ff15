/**
 * The separator of the parts of an OpenBao grant name. `_` never occurs in a DNS label (a service or
 * secret name) nor in a bucket name, and OpenBao allows it in ACL policy names (any name, lowercased)
 * and Kubernetes auth role names (`\w([\w.-]*\w)?`), so each name has exactly one reading and no two
 * resources share one. The fixed kind first keeps secret and bucket grants apart.
 */
const SEPARATOR = '_';

/**
 * The ACL policy and Kubernetes auth role that read the secret `<service>/<name>`.
 *
 * @public
 */
export function secretGrantName(service: string, name: string): string {
  return ['runtime', 'secret', service, name].join(SEPARATOR);
}

/**
 * The ACL policy and Kubernetes auth role that read a bucket's stored keys.
 *
 * @public
 */
export function bucketKeysGrantName(bucket: string): string {
  return ['runtime', 'bucket', bucket].join(SEPARATOR);
}

/**
 * The grant that reads the secret at `path` in the KV mount, as the provisioning actions name it:
 * `<service>/buckets/<bucket>` holds a bucket's keys, `<service>/<name>` is a secret; `undefined`
 * for any other path (the portal made no grant for it).
 *
 * @public
 */
export function secretReadGrantName(path: string): string | undefined {
  const parts = path.split('/');
  if (parts.length === 3 && parts[1] === 'buckets') {
    return bucketKeysGrantName(parts[2]);
  }
  if (parts.length === 2) return secretGrantName(parts[0], parts[1]);
  return undefined;
}
