import { ConfigReader } from '@backstage/config';
import { readResourceNamePrefix } from './readResourceNamePrefix';

const read = (namePrefix?: string) =>
  readResourceNamePrefix(
    new ConfigReader({ catalog: { providers: { runtime: { namePrefix } } } }),
  );

describe('readResourceNamePrefix', () => {
  it('reads the prefix, or none', () => {
    expect(read('rt')).toBe('rt');
    expect(readResourceNamePrefix(new ConfigReader({}))).toBeUndefined();
  });

  it('refuses a prefix that would make invalid entity names, naming the key', () => {
    expect(() => read('Runtime!')).toThrow(
      /catalog\.providers\.runtime\.namePrefix/,
    );
  });
});
