import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { gitlabProjectOfFileUrl } from '@runtime-portal/backstage-plugin-runtime-node';

/** A catalog-info file on the platform GitLab: its URL and the GitLab project it is in. */
export interface CatalogInfoLocation {
  /** The file's URL, e.g. `https://gitlab.example.com/search-team/qa/-/blob/main/catalog-info.yaml`. */
  url: string;
  /** The project's full path, e.g. `search-team/qa`. */
  projectPath: string;
  /** The project's group (its path without the project's own name), e.g. `search-team`. */
  groupPath: string;
}

/** Where the action is told to find the file: a repository and a path in it, or the file's URL. */
export type CatalogInfoSource =
  | { repoContentsUrl: string; catalogInfoPath?: string }
  | { catalogInfoUrl: string };

/**
 * The hosts of the GitLab integrations the config lists (`integrations.gitlab[].host`): the platform
 * GitLab. Not `ScmIntegrations`' list, which always adds an anonymous `gitlab.com`, where anyone can
 * make a group named like a team.
 */
export function readPlatformGitLabHosts(config: Config): string[] {
  return (config.getOptionalConfigArray('integrations.gitlab') ?? []).map(
    gitlab => gitlab.getString('host'),
  );
}

/**
 * Resolves the catalog-info file's URL, as `catalog:register` does, and accepts it only on a GitLab
 * integration the config lists (`platformHosts`, the platform GitLab), as a file URL of a project there
 * (`<base>/<group>/<project>/-/blob/<ref>/<path>`). Anything else is an `InputError` (400) saying why.
 */
export function resolveCatalogInfoLocation(
  integrations: ScmIntegrationRegistry,
  platformHosts: string[],
  source: CatalogInfoSource,
): CatalogInfoLocation {
  const given =
    'catalogInfoUrl' in source ? source.catalogInfoUrl : source.repoContentsUrl;
  const integration = integrations.gitlab.byUrl(given);
  if (!integration || !platformHosts.includes(integration.config.host)) {
    throw new InputError(
      `Refused: ${given} is not on a configured GitLab integration; only the platform GitLab's repositories are registered`,
    );
  }
  const url =
    'catalogInfoUrl' in source
      ? source.catalogInfoUrl
      : integration.resolveUrl({
          base: source.repoContentsUrl,
          url: source.catalogInfoPath ?? '/catalog-info.yaml',
        });
  const base = new URL(integration.config.baseUrl);
  const parsed = new URL(url);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (
    parsed.origin !== base.origin ||
    !parsed.pathname.startsWith(`${basePath}/`) ||
    parsed.search ||
    parsed.hash
  ) {
    throw new InputError(
      `Refused: ${url} is not a file URL under the GitLab integration ${base.origin}${basePath}`,
    );
  }
  const project = gitlabProjectOfFileUrl(integration.config.baseUrl, url);
  if (!project || !/\/-\/blob\/[^/]+\/.+\.ya?ml$/.test(parsed.pathname)) {
    throw new InputError(
      `Refused: ${url} is not a YAML file of a GitLab project in a group (<group>/<project>/-/blob/<ref>/<path>.yaml)`,
    );
  }
  return { url, ...project };
}
