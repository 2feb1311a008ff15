import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { spawn } from 'node:child_process';
import { FastImportCommit, fastImportCommits } from './fastImport';
import { gitText, runGit } from './git';

/** A commit as `git log` describes it. */
export interface GitCommit {
  id: string;
  shortId: string;
  parentIds: string[];
  authorName: string;
  authorEmail: string;
  authoredDate: string;
  committerName: string;
  committerEmail: string;
  committedDate: string;
  message: string;
}

/** A file read at a ref. */
export interface GitFile {
  content: Buffer;
  blobId: string;
  commitId: string;
  lastCommitId: string;
  executable: boolean;
}

const FIELD = '\u001f';
const RECORD = '\u001e';
const LOG_FORMAT = [
  '%H',
  '%h',
  '%P',
  '%an',
  '%ae',
  '%aI',
  '%cn',
  '%ce',
  '%cI',
  '%B',
]
  .join('%x1f')
  .concat('%x1e');

/**
 * The bare repositories of the sandbox's GitLab, one per project under a temporary directory (the
 * `GIT_PROJECT_ROOT` that `git http-backend` serves): created, read and written with git itself.
 */
export class GitRepositories {
  private constructor(readonly root: string) {}

  /** Makes the temporary directory that holds every repository. */
  static async create(): Promise<GitRepositories> {
    return new GitRepositories(
      await mkdtemp(path.join(os.tmpdir(), 'runtime-sandbox-gitlab-')),
    );
  }

  /** Deletes every repository. */
  async remove(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }

  /** The `GIT_DIR` of a project by its full path (`group/project`). */
  gitDir(fullPath: string): string {
    return path.join(this.root, `${fullPath}.git`);
  }

  /**
   * Creates a bare repository whose HEAD names the default branch, with `commits` on that branch
   * (see {@link GitRepositories.commitAll}; none: empty). Answers their ids.
   */
  async init(
    fullPath: string,
    defaultBranch: string,
    commits: FastImportCommit[] = [],
  ): Promise<string[]> {
    const gitDir = this.gitDir(fullPath);
    await runGit(
      [
        'init',
        '--bare',
        '--quiet',
        `--initial-branch=${defaultBranch}`,
        gitDir,
      ],
      { gitDir },
    );
    if (commits.length === 0) return [];
    return fastImportCommits(gitDir, defaultBranch, undefined, commits);
  }

  /** Points HEAD at a branch (which may not exist yet). */
  async setHead(fullPath: string, branch: string): Promise<void> {
    await runGit(['symbolic-ref', 'HEAD', `refs/heads/${branch}`], {
      gitDir: this.gitDir(fullPath),
    });
  }

  /** The branch HEAD names. */
  async headBranch(fullPath: string): Promise<string> {
    const ref = await gitText(['symbolic-ref', 'HEAD'], {
      gitDir: this.gitDir(fullPath),
    });
    return ref.replace(/^refs\/heads\//, '');
  }

  /** Every branch with the commit it points at. */
  async branches(fullPath: string): Promise<Map<string, string>> {
    const text = await gitText(
      ['for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads'],
      { gitDir: this.gitDir(fullPath) },
    );
    const branches = new Map<string, string>();
    for (const line of text.split('\n').filter(Boolean)) {
      const [name, id] = line.split(' ');
      branches.set(name, id);
    }
    return branches;
  }

  /** The commit a branch, tag or commit id names, or undefined. */
  async resolve(fullPath: string, ref: string): Promise<string | undefined> {
    if (ref.startsWith('-')) return undefined;
    const { exitCode, stdout } = await runGit(
      [
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `${ref}^{commit}`,
      ],
      { gitDir: this.gitDir(fullPath), acceptExitCodes: [1, 128] },
    );
    return exitCode === 0 ? stdout.toString('utf8').trim() : undefined;
  }

  /** Creates a branch at a commit. */
  async createBranch(
    fullPath: string,
    branch: string,
    commitId: string,
  ): Promise<void> {
    await runGit(['update-ref', `refs/heads/${branch}`, commitId, ''], {
      gitDir: this.gitDir(fullPath),
    });
  }

  /** Whether a name is a valid branch name (`git check-ref-format --branch`). */
  async isValidBranchName(name: string): Promise<boolean> {
    if (name.startsWith('-')) return false;
    const { exitCode } = await runGit(['check-ref-format', '--branch', name], {
      gitDir: this.root,
      acceptExitCodes: [1, 128],
    });
    return exitCode === 0;
  }

  /** A file at a ref, or undefined when the ref or the file does not exist. */
  async readFile(
    fullPath: string,
    ref: string,
    filePath: string,
  ): Promise<GitFile | undefined> {
    const gitDir = this.gitDir(fullPath);
    const commitId = await this.resolve(fullPath, ref);
    if (!commitId) return undefined;
    const entry = await gitText(['ls-tree', '-z', commitId, '--', filePath], {
      gitDir,
    });
    const match = /^(\d+) blob ([0-9a-f]+)\t(.*)$/.exec(
      entry.split('\u0000')[0],
    );
    if (!match || match[3] !== filePath) return undefined;
    const [, mode, blobId] = match;
    const { stdout: content } = await runGit(['cat-file', 'blob', blobId], {
      gitDir,
    });
    const lastCommitId = await gitText(
      ['log', '-1', '--format=%H', commitId, '--', filePath],
      { gitDir },
    );
    return {
      content,
      blobId,
      commitId,
      lastCommitId,
      executable: mode === '100755',
    };
  }

  /** Commits reachable from a ref, newest first, optionally only those touching a path. */
  async log(
    fullPath: string,
    ref: string,
    filePath?: string,
  ): Promise<GitCommit[]> {
    const commitId = await this.resolve(fullPath, ref);
    if (!commitId) return [];
    const { stdout } = await runGit(
      [
        'log',
        `--format=${LOG_FORMAT}`,
        commitId,
        ...(filePath ? ['--', filePath] : []),
      ],
      { gitDir: this.gitDir(fullPath) },
    );
    return stdout
      .toString('utf8')
      .split(RECORD)
      .map(record => record.replace(/^\n/, ''))
      .filter(Boolean)
      .map(record => {
        const [id, shortId, parents, an, ae, ad, cn, ce, cd, message] =
          record.split(FIELD);
        return {
          id,
          shortId,
          parentIds: parents ? parents.split(' ') : [],
          authorName: an,
          authorEmail: ae,
          authoredDate: ad,
          committerName: cn,
          committerEmail: ce,
          committedDate: cd,
          message,
        };
      });
  }

  /** A tar.gz of a commit's tree (or of one folder of it), as `git archive` writes it. */
  archive(
    fullPath: string,
    commitId: string,
    prefix: string,
    folder?: string,
  ): Readable {
    const child = spawn(
      'git',
      [
        'archive',
        '--format=tar.gz',
        `--prefix=${prefix}/`,
        commitId,
        ...(folder ? ['--', folder] : []),
      ],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_DIR: this.gitDir(fullPath),
        },
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    return child.stdout;
  }

  /**
   * Writes a commit on a branch: the parent's tree with the given files replaced, authored and
   * committed by `author` at its date. Answers its id.
   */
  async commit(
    fullPath: string,
    options: { branch: string } & FastImportCommit,
  ): Promise<string> {
    const [commitId] = await this.commitAll(fullPath, options.branch, [
      options,
    ]);
    return commitId;
  }

  /**
   * Writes commits one after another on a branch (see {@link GitRepositories.commit}), with one
   * git process (fast-import) for all of them. Answers their ids, in order.
   */
  async commitAll(
    fullPath: string,
    branch: string,
    commits: FastImportCommit[],
  ): Promise<string[]> {
    const parent = await this.resolve(fullPath, `refs/heads/${branch}`);
    return fastImportCommits(this.gitDir(fullPath), branch, parent, commits);
  }
}
