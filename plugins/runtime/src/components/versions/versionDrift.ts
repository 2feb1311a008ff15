/** A component's installed version in one environment (none when not installed or not known). */
export interface EnvironmentVersion {
  environment: string;
  version?: string;
}

/**
 * The environments whose installed version differs from the others': when one version is installed in
 * more environments than any other, every environment with another version; when no version leads
 * (two environments with two versions, say), every environment with a version, since none can be told
 * apart as the odd one. Empty when all installed versions agree. Environments without a version never
 * drift.
 */
export function driftingEnvironments(
  versions: readonly EnvironmentVersion[],
): Set<string> {
  const counts = new Map<string, number>();
  for (const { version } of versions) {
    if (version) counts.set(version, (counts.get(version) ?? 0) + 1);
  }
  if (counts.size < 2) return new Set();
  const most = Math.max(...counts.values());
  const leaders = [...counts].filter(([, count]) => count === most);
  const baseline = leaders.length === 1 ? leaders[0][0] : undefined;
  return new Set(
    versions
      .filter(v => v.version && v.version !== baseline)
      .map(v => v.environment),
  );
}

/** The other environments' versions, e.g. `prod 0.13.0, staging 0.14.1`, for a drifting cell's tooltip. */
export function otherVersions(
  versions: readonly EnvironmentVersion[],
  environment: string,
): string {
  return versions
    .filter(v => v.environment !== environment && v.version)
    .map(v => `${v.environment} ${v.version}`)
    .join(', ');
}
