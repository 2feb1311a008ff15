import { goRegExp } from './goRegExp';

describe('goRegExp', () => {
  it('reads a leading Go flag group as JavaScript flags', () => {
    expect(goRegExp('(?i)(error|fatal)', false).test('level=ERROR')).toBe(true);
    expect(goRegExp('(error|fatal)', false).test('level=ERROR')).toBe(false);
    expect(goRegExp('(?is)a.b', true).test('A\nB')).toBe(true);
  });

  it('anchors label matchers', () => {
    expect(goRegExp('team-.*', true).test('team-a')).toBe(true);
    expect(goRegExp('team', true).test('my-team')).toBe(false);
  });

  it('throws on an invalid expression', () => {
    expect(() => goRegExp('(', false)).toThrow(SyntaxError);
  });
});
