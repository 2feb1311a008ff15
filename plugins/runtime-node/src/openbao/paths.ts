import { RuntimeUpstreamError } from '../errors';

/** How a path is checked: a secret path, a folder (may be empty) or a single name. */
export type PathKind = 'secret' | 'folder' | 'name' | 'mount';

/**
 * Checks a path given to the client and returns it with each segment URL-encoded. Rejects empty
 * segments (`a//b`, a leading `/`), `.` and `..`, and control characters, before any call is made.
 * A folder may be empty (the mount's root) and may end in `/` (dropped).
 */
export function encodePath(
  path: string,
  kind: PathKind,
  context: { environment: string; operation: string },
): string {
  const problem = pathProblem(path, kind);
  if (problem) {
    throw new RuntimeUpstreamError({
      upstream: 'openbao',
      environment: context.environment,
      operation: context.operation,
      reason: 'Invalid',
      detail: problem,
    });
  }
  const trimmed = kind === 'folder' ? path.replace(/\/$/, '') : path;
  return trimmed === ''
    ? ''
    : trimmed.split('/').map(encodeURIComponent).join('/');
}

function pathProblem(path: string, kind: PathKind): string | undefined {
  const label = kind === 'name' ? 'name' : 'path';
  if (typeof path !== 'string') return `${label} must be a string`;
  const trimmed = kind === 'folder' ? path.replace(/\/$/, '') : path;
  if (trimmed === '')
    return kind === 'folder' ? undefined : `${label} must not be empty`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
    return `${label} "${printable(trimmed)}" contains control characters`;
  }
  const segments = trimmed.split('/');
  if (kind === 'name' && segments.length > 1)
    return `name "${trimmed}" must not contain "/"`;
  if (segments.some(segment => segment === '')) {
    return `${label} "${trimmed}" has an empty segment`;
  }
  if (segments.some(segment => segment === '.' || segment === '..')) {
    return `${label} "${trimmed}" must not contain "." or ".." segments`;
  }
  return undefined;
}

function printable(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, '?');
}
