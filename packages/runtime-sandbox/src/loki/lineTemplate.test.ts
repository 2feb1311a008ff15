import {
  LineTemplate,
  templateMayContain,
  templateRegExp,
} from './lineTemplate';

const TEMPLATE: LineTemplate = [
  'level=info ts=',
  { chars: '0123456789-:.TZ' },
  ' msg="request completed" path=',
  { anyOf: ['/api/v1/items', '/openai/v1/embeddings'] },
  ' id=',
  { chars: '0123456789abcdef' },
];

describe('templateMayContain', () => {
  it.each([
    ['request completed', false, true],
    ['REQUEST', true, true],
    ['REQUEST', false, false],
    ['embeddings id=', false, true],
    ['items id=', false, true],
    ['v1/items', false, true],
    ['v1/embeddings', true, true],
    ['v2/', false, false],
    ['Z msg', false, true],
    ['12:34T', false, true],
    ['id=cafe', false, true],
    ['id=coffee', false, false],
    ['error', true, false],
    ['fatal', true, false],
    ['', false, true],
  ])('%j (ignoring case: %s) → %s', (needle, ignoreCase, expected) => {
    expect(templateMayContain(TEMPLATE, needle, ignoreCase)).toBe(expected);
  });

  it('folds case as the regex does (the Kelvin sign is a k)', () => {
    expect(templateMayContain(['\u212a'], 'k', true)).toBe(true);
    expect(new RegExp('k', 'iu').test('\u212a')).toBe(true);
    expect(templateMayContain(['\u212a'], 'k', false)).toBe(false);
  });

  it('writes a regex of the template’s lines', () => {
    const regex = templateRegExp(TEMPLATE);
    expect(
      regex.test(
        'level=info ts=2026-01-15T12:00:00.000Z msg="request completed" path=/api/v1/items id=00ff',
      ),
    ).toBe(true);
    expect(
      regex.test(
        'level=info ts=yesterday msg="request completed" path=/api/v1/items id=00ff',
      ),
    ).toBe(false);
  });
});
