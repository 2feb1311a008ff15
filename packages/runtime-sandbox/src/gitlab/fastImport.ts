import { runGit } from './git';

/** Who wrote a commit, and when. */
interface GitIdentity {
  name: string;
  email: string;
  date: Date;
}

/** One commit for {@link fastImportCommits}: files added or replaced in its parent's tree. */
export interface FastImportCommit {
  files: Record<string, string>;
  message: string;
  author: GitIdentity;
}

/**
 * Writes `commits` one after another on `branch` of the repository `gitDir` with a single
 * `git fast-import` (one process instead of a dozen plumbing commands per commit): the first on top
 * of `parent` (none: a root commit), each later one on the one before; each is authored and
 * committed by its author at its date (UTC), with the files (mode 100644) replacing those of its
 * parent's tree. The branch is set to the last one (forced, as `git update-ref` would). Answers the
 * commits' ids, in order.
 */
export async function fastImportCommits(
  gitDir: string,
  branch: string,
  parent: string | undefined,
  commits: FastImportCommit[],
): Promise<string[]> {
  const chunks: Buffer[] = [];
  const line = (text: string) => chunks.push(Buffer.from(`${text}\n`));
  const data = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    line(`data ${bytes.length}`);
    chunks.push(bytes, Buffer.from('\n'));
  };
  commits.forEach((commit, index) => {
    const mark = index + 1;
    const { name, email, date } = commit.author;
    const ident = `${name} <${email}> ${Math.floor(
      date.getTime() / 1000,
    )} +0000`;
    line(`commit refs/heads/${branch}`);
    line(`mark :${mark}`);
    line(`author ${ident}`);
    line(`committer ${ident}`);
    data(commit.message);
    if (index > 0) line(`from :${index}`);
    else if (parent) line(`from ${parent}`);
    for (const [filePath, text] of Object.entries(commit.files)) {
      line(`M 100644 inline ${quotePath(filePath)}`);
      data(text);
    }
    line(`get-mark :${mark}`);
  });
  line('done');
  const { stdout } = await runGit(
    ['fast-import', '--quiet', '--done', '--force'],
    {
      gitDir,
      input: Buffer.concat(chunks),
    },
  );
  return stdout.toString('utf8').trim().split('\n');
}

/** A path as a C-style quoted string, which fast-import accepts for any path. */
function quotePath(filePath: string): string {
  let quoted = '';
  for (const char of filePath) {
    const code = char.charCodeAt(0);
    if (char === '\\' || char === '"') quoted += `\\${char}`;
    else if (char === '\n') quoted += '\\n';
    else if (code < 0x20 || code === 0x7f) {
      quoted += `\\${code.toString(8).padStart(3, '0')}`;
    } else quoted += char;
  }
  return `"${quoted}"`;
}
