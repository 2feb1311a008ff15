import { gitlabProjectOfFileUrl } from './gitlabProjectOfFileUrl';

describe('gitlabProjectOfFileUrl', () => {
  const base = 'https://gitlab.example.com/git';

  it('finds the project and its group of a file URL, lowercase, with subgroups', () => {
    expect(
      gitlabProjectOfFileUrl(
        base,
        'https://gitlab.example.com/git/Search-Team/ml/qa/-/blob/main/catalog-info.yaml',
      ),
    ).toEqual({
      projectPath: 'search-team/ml/qa',
      groupPath: 'search-team/ml',
    });
  });

  it('refuses another origin, a path outside the base, other shapes and dot segments', () => {
    for (const url of [
      'https://gitlab.example.org/git/search-team/qa/-/blob/main/x.yaml',
      'https://gitlab.example.com/search-team/qa/-/blob/main/x.yaml',
      'https://gitlab.example.com/git/qa/-/blob/main/x.yaml',
      'https://gitlab.example.com/git/search-team/qa/blob/main/x.yaml',
      'https://gitlab.example.com/git/search-team/%2e%2e/qa/-/blob/main/x.yaml',
      'https://gitlab.example.com/git/search-team//qa/-/blob/main/x.yaml',
      'https://gitlab.example.com/git/search-team/%E0%A4%A/-/blob/main/x.yaml',
      'not a url',
    ]) {
      expect(gitlabProjectOfFileUrl(base, url)).toBeUndefined();
    }
  });
});
