/**
 * Whether MinIO accepts the bucket name (minio/minio `IsValidBucketName`): 3 to 63 characters, dot
 * separated labels of lowercase letters, digits and hyphens that neither start nor end with a hyphen,
 * and not four numeric labels (an IP address).
 */
export function isValidBucketName(name: string): boolean {
  if (name.length < 3 || name.length > 63) return false;
  const labels = name.split('.');
  const valid = labels.every(label =>
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(label),
  );
  const looksLikeIpAddress =
    labels.length === 4 && labels.every(label => /^[0-9]+$/.test(label));
  return valid && !looksLikeIpAddress;
}
