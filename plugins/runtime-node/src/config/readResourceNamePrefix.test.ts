import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { readResourceNamePrefix } from './readResourceNamePrefix';

const withPrefix = (resourceNamePrefix?: string) =>
  new ConfigReader({ runtime: { resourceNamePrefix } });
const withDeprecatedPrefix = (namePrefix?: string) =>
  new ConfigReader({ catalog: { providers: { runtime: { namePrefix } } } });

describe('readResourceNamePrefix', () => {
  it('reads runtime.resourceNamePrefix, or none', () => {
    expect(readResourceNamePrefix(withPrefix('rt'))).toBe('rt');
    expect(readResourceNamePrefix(new ConfigReader({}))).toBeUndefined();
  });

  it('refuses a prefix that would make invalid entity names, naming the key', () => {
    expect(() => readResourceNamePrefix(withPrefix('Runtime!'))).toThrow(
      /'runtime\.resourceNamePrefix'/,
    );
    expect(() =>
      readResourceNamePrefix(withPrefix('a-very-long-prefix-x')),
    ).toThrow(/1-16 lowercase letters/);
    expect(() => readResourceNamePrefix(withPrefix('rt-'))).toThrow();
  });

  it('refuses a prefix that is not a string', () => {
    expect(() =>
      readResourceNamePrefix(
        new ConfigReader({ runtime: { resourceNamePrefix: 7 } }),
      ),
    ).toThrow(/runtime\.resourceNamePrefix/);
  });

  it('still reads the deprecated catalog.providers.runtime.namePrefix, with a warning', () => {
    const logger = mockServices.logger.mock();
    expect(readResourceNamePrefix(withDeprecatedPrefix('rt'), { logger })).toBe(
      'rt',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /catalog\.providers\.runtime\.namePrefix.*deprecated.*runtime\.resourceNamePrefix/,
      ),
    );
  });

  it('names the deprecated key when its value is invalid', () => {
    expect(() =>
      readResourceNamePrefix(withDeprecatedPrefix('Runtime!')),
    ).toThrow(/'catalog\.providers\.runtime\.namePrefix'/);
  });

  it('prefers the new key over the deprecated one, without a warning', () => {
    const logger = mockServices.logger.mock();
    const config = new ConfigReader({
      runtime: { resourceNamePrefix: 'new' },
      catalog: { providers: { runtime: { namePrefix: 'old' } } },
    });
    expect(readResourceNamePrefix(config, { logger })).toBe('new');
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('warns about nothing when neither key is set', () => {
    const logger = mockServices.logger.mock();
    expect(
      readResourceNamePrefix(new ConfigReader({}), { logger }),
    ).toBeUndefined();
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
