import { globMatch } from './glob';

describe("Argo CD's glob match", () => {
  it.each([
    ['*/*', 'search-team/semantic-search', true],
    ['*/*', 'search-team/team-search/semantic-search', true],
    ['*', 'a/b', true],
    ['default/*', 'default/portal', true],
    ['default/*', 'defaults/portal', false],
    ['default/*', 'xdefault/portal', false],
    ['search-team/*', 'search-team/', true],
    ['action/*', 'action/apps/Deployment/restart', true],
    ['update', 'update/*', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['[!d]*/*', 'search-team/x', true],
    ['[!d]*/*', 'default/x', false],
    ['[a-c]x', 'bx', true],
    ['[a-c]x', 'dx', false],
    ['{search,media}-team/*', 'media-team/x', true],
    ['{search,media}-team/*', 'ops-team/x', false],
    ['{a{b,c},d}', 'ac', true],
    ['a\\*', 'a*', true],
    ['a\\*', 'ab', false],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
    ['[unclosed', '[unclosed', false],
    ['{unclosed', '{unclosed', false],
  ])('%s matches %s: %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });
});
