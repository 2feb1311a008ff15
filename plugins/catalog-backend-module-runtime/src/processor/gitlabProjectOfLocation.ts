import { LocationSpec } from '@backstage/plugin-catalog-node';
import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  GitLabProjectOfFile,
  gitlabProjectOfFileUrl,
} from '@runtime-portal/backstage-plugin-runtime-node';

/** A GitLab project on the platform GitLab that a catalog file was read from. */
type GitLabProjectOfLocation = GitLabProjectOfFile;

/** Finds the platform GitLab project of a `url` location. */
export type GitLabProjectResolver = (
  location: LocationSpec,
) => GitLabProjectOfLocation | undefined;

/**
 * A resolver for the GitLab integrations the config lists (`integrations.gitlab[]`, the platform
 * GitLab; not the anonymous `gitlab.com` that `ScmIntegrations` always adds). It returns the project
 * of a `url` location that is a file URL on one of them (`<base>/<group>/<project>/-/blob/<ref>/<path>`),
 * and `undefined` for any other location (the same parser as the scaffolder's `runtime:catalog:register`).
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
    return gitlabProjectOfFileUrl(integration.config.baseUrl, location.target);
  };
}
