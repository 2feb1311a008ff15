import { filterNeedles } from './filterNeedles';
import { parseLogQuery } from './logql';

const needlesOf = (filter: string) =>
  filterNeedles(parseLogQuery(`{a="b"} ${filter}`).filters[0]);

describe('filterNeedles', () => {
  it.each([
    ['|= "Error: x.*"', { needles: ['Error: x.*'], ignoreCase: false }],
    [
      '|~ "(?i)(error|exception|fatal)"',
      { needles: ['error', 'exception', 'fatal'], ignoreCase: true },
    ],
    ['|~ "timeout"', { needles: ['timeout'], ignoreCase: false }],
    ['|~ "a|b"', { needles: ['a', 'b'], ignoreCase: false }],
    ['|~ "(?:x(y|z))w"', { needles: ['xyw', 'xzw'], ignoreCase: false }],
    ['|~ `a\\.b`', { needles: ['a.b'], ignoreCase: false }],
    ['|~ "(a|)"', { needles: ['a', ''], ignoreCase: false }],
  ])('reduces %s to texts', (filter, expected) => {
    expect(needlesOf(filter)).toEqual(expected);
  });

  it.each([
    '!= "error"',
    '!~ "error"',
    '|~ "err.r"',
    '|~ "(?i)errors?"',
    '|~ "[e]rror"',
    '|~ "^error"',
    '|~ "error$"',
    '|~ "(?i)a|b."',
    '|~ "(?=e)rror"',
    '|~ `\\berror`',
    '|~ `\\x65rror`',
    '|~ "e{1}"',
  ])('proves nothing from %s', filter => {
    expect(needlesOf(filter)).toBeUndefined();
  });
});
