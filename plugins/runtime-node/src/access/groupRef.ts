const GROUP_REF =
  /^(?:group:)?(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/)?([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/;

/**
 * The full entity ref of a group given as `group:namespace/name`, `namespace/name` or `name`
 * (namespace `default`), lowercase. Throws an `Error` naming `key` (or the value) for anything else.
 *
 * @public
 */
export function groupRef(value: string, key?: string): string {
  const match = GROUP_REF.exec(value.trim().toLowerCase());
  if (!match) {
    throw new Error(
      key
        ? `Invalid config at '${key}': '${value}' is not a group entity ref`
        : `'${value}' is not a group entity ref`,
    );
  }
  return `group:${match[1] ?? 'default'}/${match[3]}`;
}
