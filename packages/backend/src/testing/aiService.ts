/* eslint-disable @backstage/no-undeclared-imports -- a test helper, run from source only: its
   imports are the backend's devDependencies */
import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import {
  Sandbox,
  sandboxPlatformConfig,
} from '@runtime-portal/runtime-sandbox';

/**
 * The AI service template's values (`template:default/runtime-ai-service`) for a small CPU model of
 * search-team in `dev`, published to `search-team/<name>` on the sandbox's GitLab; the API token is
 * masked as the Secret field leaves it (its value travels in the task's secrets).
 */
export function aiServiceValues(sandbox: Sandbox, name: string) {
  return {
    name,
    description: 'Answers questions about the handbook.',
    owner: 'group:default/search-team',
    environment: 'dev',
    namespace: 'team-search',
    modelUrl: 'hf://Qwen/Qwen2.5-0.5B-Instruct',
    engine: 'VLLM',
    resourceProfile: 'cpu:1',
    apiToken: '********',
    repoUrl: `${
      new URL(sandbox.urls.gitlab).host
    }?owner=search-team&repo=${name}`,
  };
}

/** A file of a repository on the sandbox's GitLab, by its URL (`…/-/blob/<ref>/<path>`), as text. */
export async function readRepositoryFile(
  sandbox: Sandbox,
  url: string,
): Promise<string> {
  const reader = UrlReaders.default({
    config: new ConfigReader({
      integrations: sandboxPlatformConfig(sandbox).integrations,
    }),
    logger: mockServices.logger.mock(),
  });
  return (await (await reader.readUrl(url)).buffer()).toString('utf8');
}
