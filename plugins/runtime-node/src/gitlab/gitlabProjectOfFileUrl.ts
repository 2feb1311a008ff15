/**
 * The GitLab project a file URL points into: its full path and its group's path, lowercase.
 *
 * @public
 */
export interface GitLabProjectOfFile {
  /** The project's full path, e.g. `search-team/qa`. */
  projectPath: string;
  /** The project's group (its path without the project's own name), e.g. `search-team`. */
  groupPath: string;
}

/**
 * The project of a file URL on the GitLab at `baseUrl`
 * (`<base>/<group>/<project>/-/blob|raw|tree/<ref>/<path>`), or `undefined` for a URL of another
 * origin or shape, or whose project path has an empty, `.` or `..` segment. Shared by the scaffolder's
 * `runtime:catalog:register` and the catalog's team-file processor, so both see the same project.
 *
 * @public
 */
export function gitlabProjectOfFileUrl(
  baseUrl: string,
  url: string,
): GitLabProjectOfFile | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (
    parsed.origin !== base.origin ||
    !parsed.pathname.startsWith(`${basePath}/`)
  ) {
    return undefined;
  }
  const match = /^\/(.+?)\/-\/(?:blob|raw|tree)\//.exec(
    parsed.pathname.slice(basePath.length),
  );
  if (!match) return undefined;
  let projectPath: string;
  try {
    projectPath = decodeURIComponent(match[1]).toLowerCase();
  } catch {
    return undefined;
  }
  const segments = projectPath.split('/');
  if (
    segments.length < 2 ||
    segments.some(s => !s || s === '.' || s === '..')
  ) {
    return undefined;
  }
  return { projectPath, groupPath: segments.slice(0, -1).join('/') };
}
