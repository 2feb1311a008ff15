import { spawn } from 'node:child_process';

/** Options of one git command. */
export interface GitCommandOptions {
  /** The repository (`GIT_DIR`). */
  gitDir: string;
  /** Written to the command's standard input. */
  input?: Buffer | string;
  /** Extra environment, e.g. author identity and dates. */
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (e.g. 1 of `rev-parse --verify --quiet`). */
  acceptExitCodes?: number[];
}

/** What a git command printed and how it ended. */
export interface GitCommandResult {
  exitCode: number;
  stdout: Buffer;
}

/** A git command that failed; the message carries git's own error output. */
class GitCommandError extends Error {
  constructor(args: string[], exitCode: number, stderr: string) {
    super(`git ${args[0]} failed with exit code ${exitCode}: ${stderr.trim()}`);
    this.name = 'GitCommandError';
  }
}

/** Runs `git <args>` against a repository, without a shell, and collects its output. */
export function runGit(
  args: string[],
  options: GitCommandOptions,
): Promise<GitCommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: options.gitDir,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_TERMINAL_PROMPT: '0',
        ...options.env,
        GIT_DIR: options.gitDir,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', chunk => stdout.push(chunk));
    child.stderr.on('data', chunk => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', code => {
      const exitCode = code ?? 1;
      if (exitCode === 0 || options.acceptExitCodes?.includes(exitCode)) {
        resolve({ exitCode, stdout: Buffer.concat(stdout) });
      } else {
        reject(
          new GitCommandError(
            args,
            exitCode,
            Buffer.concat(stderr).toString('utf8'),
          ),
        );
      }
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
  });
}

/** Runs a git command and answers its standard output as trimmed text. */
export async function gitText(
  args: string[],
  options: GitCommandOptions,
): Promise<string> {
  const { stdout } = await runGit(args, options);
  return stdout.toString('utf8').trim();
}
