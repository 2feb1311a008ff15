import { GitRepositories } from './GitRepositories';
import { gitText } from './git';

describe('GitRepositories commits (git fast-import)', () => {
  let repositories: GitRepositories;
  beforeEach(async () => {
    repositories = await GitRepositories.create();
  });
  afterEach(() => repositories.remove());

  const guest = { name: 'Gäst Developer', email: 'guest@example.com' };
  const odd = 'docs/we ird "name"\\\ttab.md';
  const newline = 'docs/new\nline.md';

  it('writes each commit on its parent with its files, author and date, and moves the branch', async () => {
    const ids = await repositories.init('team/service', 'trunk', [
      {
        files: { 'README.md': '# one\n', 'deploy/values.yaml': 'tag: "1"\n' },
        message: 'First ✓\n',
        author: { ...guest, date: new Date('2026-01-02T03:04:05.678Z') },
      },
      {
        files: {
          'deploy/values.yaml': 'tag: "2"\n',
          [odd]: 'ü\n',
          [newline]: 'x',
        },
        message: 'Second\n\nWith a body.\n',
        author: { ...guest, date: new Date('2026-01-03T00:00:00Z') },
      },
    ]);
    const third = await repositories.commit('team/service', {
      branch: 'trunk',
      files: { 'README.md': '' },
      message: 'Third',
      author: { ...guest, date: new Date('2026-01-04T00:00:00Z') },
    });
    const gitDir = repositories.gitDir('team/service');

    expect(await repositories.headBranch('team/service')).toBe('trunk');
    expect((await repositories.branches('team/service')).get('trunk')).toBe(
      third,
    );
    const log = await repositories.log('team/service', 'trunk');
    expect(log.map(c => c.id)).toEqual([third, ids[1], ids[0]]);
    expect(log.map(c => c.parentIds)).toEqual([[ids[1]], [ids[0]], []]);
    expect(log[2]).toMatchObject({
      authorName: guest.name,
      authorEmail: guest.email,
      authoredDate: '2026-01-02T03:04:05+00:00',
      committerName: guest.name,
      committedDate: '2026-01-02T03:04:05+00:00',
      message: 'First ✓\n',
    });
    expect(log[1].message).toBe('Second\n\nWith a body.\n');
    expect(log[0].message).toBe('Third');

    const files = await gitText(['ls-tree', '-r', '-z', '--name-only', third], {
      gitDir,
    });
    expect(files.split('\u0000').filter(Boolean).sort()).toEqual(
      ['README.md', 'deploy/values.yaml', odd, newline].sort(),
    );
    const read = async (ref: string, path: string) =>
      (
        await repositories.readFile('team/service', ref, path)
      )?.content.toString('utf8');
    expect(await read(ids[0], 'deploy/values.yaml')).toBe('tag: "1"\n');
    expect(await read(ids[1], 'deploy/values.yaml')).toBe('tag: "2"\n');
    expect(await read(third, odd)).toBe('ü\n');
    expect(await read(third, 'README.md')).toBe('');
    await gitText(['fsck', '--strict', '--no-progress'], { gitDir });
  });

  it('creates an empty repository without commits', async () => {
    expect(await repositories.init('team/empty', 'main')).toEqual([]);
    expect(await repositories.headBranch('team/empty')).toBe('main');
    expect(await repositories.branches('team/empty')).toEqual(new Map());
  });
});
