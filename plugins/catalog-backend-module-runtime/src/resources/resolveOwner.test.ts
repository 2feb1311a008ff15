import { resolveOwner, serviceRef } from './resolveOwner';

const FALLBACK = 'group:default/platform-team';

describe('resolveOwner', () => {
  it('takes a team name or a group ref as the owner', () => {
    expect(resolveOwner('search-team', 'label x', FALLBACK)).toEqual({
      owner: 'group:default/search-team',
    });
    expect(resolveOwner('group:ml/research', 'label x', FALLBACK)).toEqual({
      owner: 'group:ml/research',
    });
  });

  it('falls back to the fallback owner and says what was found', () => {
    expect(resolveOwner(undefined, "tag 'owner'", FALLBACK)).toEqual({
      owner: FALLBACK,
      problem: "no owner: tag 'owner' is not set",
    });
    expect(resolveOwner('user:default/bob', "tag 'owner'", FALLBACK)).toEqual({
      owner: FALLBACK,
      problem:
        "invalid owner: tag 'owner' is 'user:default/bob', which is not a group name",
    });
  });

  it('relates a service only when its name is a valid component name', () => {
    expect(serviceRef('semantic-search')).toBe(
      'component:default/semantic-search',
    );
    expect(serviceRef('not a name')).toBeUndefined();
    expect(serviceRef(undefined)).toBeUndefined();
  });
});
