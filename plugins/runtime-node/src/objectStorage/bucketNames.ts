/**
 * The problems with a bucket name under the S3 naming rules MinIO enforces: 3 to 63 characters;
 * lowercase letters, digits, dots and hyphens; each dot-separated part starts and ends with a letter
 * or digit (so no `..`, `.-` or `-.`); not an IP address. An empty list means the name is valid.
 *
 * @public
 */
export function validateBucketName(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 3 || name.length > 63) {
    problems.push('must be between 3 and 63 characters long');
  }
  if (!/^[a-z0-9.-]*$/.test(name)) {
    problems.push(
      'may contain only lowercase letters, digits, dots and hyphens',
    );
  }
  if (name.length > 0 && !/^[a-z0-9].*[a-z0-9]$|^[a-z0-9]$/.test(name)) {
    problems.push('must start and end with a lowercase letter or digit');
  }
  if (name.includes('..')) {
    problems.push('must not contain two adjacent dots');
  }
  if (name.includes('.-') || name.includes('-.')) {
    problems.push('must not have a hyphen next to a dot');
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    problems.push('must not be formatted as an IP address');
  }
  return problems;
}
