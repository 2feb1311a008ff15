import {
  RUNTIME_APIS,
  RUNTIME_CAPABILITY_AREAS,
  RUNTIME_COMPONENTS,
  findCapabilityArea,
} from './platformModel';

describe('the Runtime platform model', () => {
  it('has the seven capability areas and the 24 components of the Runtime', () => {
    expect(RUNTIME_CAPABILITY_AREAS).toHaveLength(7);
    expect(RUNTIME_COMPONENTS).toHaveLength(24);
    const perArea = Object.fromEntries(
      RUNTIME_CAPABILITY_AREAS.map(a => [
        a.id,
        RUNTIME_COMPONENTS.filter(c => c.area === a.id).length,
      ]),
    );
    expect(perArea).toEqual({
      network: 5,
      'access-security': 3,
      inference: 3,
      workflows: 2,
      'data-storage': 3,
      monitoring: 5,
      delivery: 3,
    });
  });

  it('uses ids that are valid, unique catalog entity names', () => {
    const ids = [
      ...RUNTIME_CAPABILITY_AREAS.map(a => a.id),
      ...RUNTIME_COMPONENTS.map(c => c.id),
      ...RUNTIME_APIS.map(a => a.id),
    ];
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(RUNTIME_COMPONENTS.map(c => c.id)).size).toBe(24);
  });

  it('only refers to APIs that exist', () => {
    const apiIds = new Set(RUNTIME_APIS.map(a => a.id));
    for (const c of RUNTIME_COMPONENTS) {
      for (const api of c.providesApis ?? []) expect(apiIds).toContain(api);
    }
  });

  it('finds the area of a component', () => {
    expect(findCapabilityArea('kubeai')?.title).toBe('Inference');
    expect(findCapabilityArea('nope')).toBeUndefined();
  });
});
