import { LocationSpec } from '@backstage/plugin-catalog-node';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';

/** A GitLab project on the platform GitLab that a catalog file was read from. */
export interface GitLabProjectOfLocation {
  /** The project's full path, lowercase, e.g. `search-team/qa`. */
  projectPath: string;
  /** The project's group (its path without the project's own name), lowercase, e.g. `search-team`. */
  groupPath: string;
}

/** Finds the platform GitLab project of a `url` location. */
export type GitLabProjectResolver = (
  location: LocationSpec,
) => GitLabProjectOfLocation | undefined;

/**
 * A resolver for the GitLab integrations the config lists (`integrations.gitlab[]`, the platform
 * GitLab; not the anonymous `gitlab.com` that `ScmIntegrations` always adds). It returns the project
 * of a `url` location that is a file URL on one of them (`<base>/<group>/<project>/-/blob/<ref>/<path>`),
 * and `undefined` for any other location. The scaffolder's `runtime:catalog:register` parses the same
 * shape when a file is registered; this is the catalog side's small copy of that parser.
 */
export function gitlabProjectResolver(config: Config): GitLabProjectResolver {
  const integrations = ScmIntegrations.fromConfig(config);
  const platformHosts = (
    config.getOptionalConfigArray('integrations.gitlab') ?? []
  ).map(gitlab => gitlab.getString('host'));
  return location => {
    if (location.type !== 'url') return undefined;
    const integration = integrations.gitlab.byUrl(location.target);
    if (!integration || !platformHosts.includes(integration.config.host)) {
      return undefined;
    }
    return parseProjectPath(integration.config.baseUrl, location.target);
  };
}

function parseProjectPath(
  baseUrl: string,
  target: string,
): GitLabProjectOfLocation | undefined {
  let parsed: URL;
  try {
    parsed = new URL(target);
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
  const segments = decodeURIComponent(match[1]).toLowerCase().split('/');
  if (
    segments.length < 2 ||
    segments.some(s => !s || s === '.' || s === '..')
  ) {
    return undefined;
  }
  return {
    projectPath: segments.join('/'),
    groupPath: segments.slice(0, -1).join('/'),
  };
}
