import { runtimePlugin } from './plugin';
import { runtimeApiRef } from './api';

describe('runtimePlugin', () => {
  it('provides the runtime API', () => {
    const apis = [...runtimePlugin.getApis()];
    expect(apis.map(a => a.api.id)).toContain(runtimeApiRef.id);
  });
});
