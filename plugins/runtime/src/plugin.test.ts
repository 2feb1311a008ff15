import { runtimePlugin } from './plugin';

describe('runtime', () => {
  it('should export plugin', () => {
    expect(runtimePlugin).toBeDefined();
  });
});
