import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { runGit } from '../gitlab/git';

/** One Kubernetes object a source's manifests declare (an entry of an application's `status.resources`). */
interface ManifestResource {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** What a source's path holds at a revision. */
export interface SourceManifests {
  /** The commit the target revision resolved to. */
  revision: string;
  resources: ManifestResource[];
  /** The container images its workloads run (`status.summary.images`). */
  images: string[];
}

/** A failure to read a source, worded as Argo CD's repo server words it. */
export class RepoReadError extends Error {}

/** How long a git call may go without progress before it is abandoned (seconds). */
const LOW_SPEED_SECONDS = '10';

/**
 * Reads an application's source as Argo CD's repo server does, over git's smart HTTP protocol with
 * the repository credentials Argo CD holds (`username`/`password`, e.g. `oauth2` and a GitLab token):
 * fetches the target revision (a branch, tag, `HEAD` or empty for the default branch) at depth 1,
 * checks the path exists, and lists the objects its YAML and JSON files declare (plain directory
 * sources; no Helm or Kustomize).
 */
export class GitRepoReader {
  constructor(
    private readonly credentials: { username: string; password: string },
  ) {}

  async read(
    repoURL: string,
    targetRevision: string | undefined,
    sourcePath: string | undefined,
  ): Promise<SourceManifests> {
    const gitDir = await mkdtemp(path.join(os.tmpdir(), 'argocd-repo-'));
    const git = (args: string[]) =>
      runGit(args, {
        gitDir,
        env: {
          GIT_HTTP_LOW_SPEED_LIMIT: '1',
          GIT_HTTP_LOW_SPEED_TIME: LOW_SPEED_SECONDS,
        },
      });
    try {
      await git(['init', '--bare', '--quiet']);
      const auth = Buffer.from(
        `${this.credentials.username}:${this.credentials.password}`,
      ).toString('base64');
      const ref =
        !targetRevision || targetRevision === 'HEAD' ? 'HEAD' : targetRevision;
      try {
        await git([
          '-c',
          `http.extraHeader=Authorization: Basic ${auth}`,
          'fetch',
          '--quiet',
          '--depth=1',
          repoURL,
          ref,
        ]);
      } catch (error) {
        throw new RepoReadError(fetchFailure(error, ref));
      }
      const revision = (await git(['rev-parse', 'FETCH_HEAD'])).stdout
        .toString('utf8')
        .trim();
      const dir = (sourcePath ?? '').replace(/^\.?\/*|\/+$/g, '');
      const exists = await runGit(['cat-file', '-t', `FETCH_HEAD:${dir}`], {
        gitDir,
        acceptExitCodes: [128],
      });
      if (
        exists.exitCode !== 0 ||
        exists.stdout.toString('utf8').trim() !== 'tree'
      ) {
        throw new RepoReadError(
          `rpc error: code = Unknown desc = ${sourcePath}: app path does not exist`,
        );
      }
      const files = (
        await git([
          'ls-tree',
          '-r',
          '--name-only',
          'FETCH_HEAD',
          '--',
          dir ? `${dir}/` : '.',
        ])
      ).stdout
        .toString('utf8')
        .split('\n')
        .filter(f => /\.(ya?ml|json)$/.test(f));
      const resources: ManifestResource[] = [];
      const images = new Set<string>();
      for (const file of files) {
        const text = (
          await git(['show', `FETCH_HEAD:${file}`])
        ).stdout.toString('utf8');
        resources.push(...declaredResources(text, images));
      }
      return { revision, resources, images: [...images].sort() };
    } finally {
      await rm(gitDir, { recursive: true, force: true });
    }
  }
}

/** The repo server's message for a fetch that failed. */
function fetchFailure(error: unknown, ref: string): string {
  const stderr = error instanceof Error ? error.message : String(error);
  let why =
    stderr
      .split('\n')
      .find(l => /fatal|error/i.test(l))
      ?.trim() ?? stderr.trim();
  if (/not found|404/i.test(stderr)) why = 'repository not found';
  else if (/couldn't find remote ref/i.test(stderr)) {
    why = `unable to resolve '${ref}' to a commit SHA`;
  } else if (/authentication|401|403/i.test(stderr)) {
    why = 'authentication required';
  }
  return `rpc error: code = Unknown desc = failed to list refs: ${why}`;
}

/**
 * The Kubernetes objects a manifest file declares (documents with apiVersion, kind and a name); the
 * images of their pod templates go to `images`.
 */
function declaredResources(
  text: string,
  images: Set<string>,
): ManifestResource[] {
  const found: ManifestResource[] = [];
  for (const document of yaml.parseAllDocuments(text)) {
    const object = document.toJSON() as Record<string, any> | null;
    if (!object?.apiVersion || !object.kind || !object.metadata?.name) continue;
    for (const container of object.spec?.template?.spec?.containers ?? []) {
      if (typeof container?.image === 'string') images.add(container.image);
    }
    const [group, version] = String(object.apiVersion).includes('/')
      ? String(object.apiVersion).split('/')
      : ['', String(object.apiVersion)];
    found.push({
      group,
      version,
      kind: String(object.kind),
      namespace: object.metadata.namespace,
      name: String(object.metadata.name),
    });
  }
  return found;
}
