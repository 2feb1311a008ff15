import { applySeedDrift, loadProdSeed } from './seedDrift';
import { loadSeed } from './loadSeed';

describe('applySeedDrift', () => {
  const base = loadSeed();

  it('changes, removes and selects what the drift says, and leaves the base seed alone', () => {
    const before = structuredClone(base);
    const prod = loadProdSeed();
    expect(base).toEqual(before);
    const version = (seed: typeof base, name: string) =>
      seed.components.find(c => c.name === name)?.version;
    expect(version(prod, 'kubeai')).toBe('0.13.0');
    expect(version(prod, 'grafana')).toBe('11.3.2');
    expect(version(prod, 'faster-whisper')).toBeUndefined();
    expect(version(prod, 'openbao')).toBe(version(base, 'openbao'));
    expect(prod.components).toHaveLength(base.components.length - 1);
    expect(prod.teams.map(t => t.name)).toEqual([
      'search-team',
      'assistant-team',
    ]);
    const [search, assistant] = prod.teams;
    // A list left out keeps dev's resources; a list given keeps only those.
    expect(search.services[0].buckets).toEqual(
      base.teams[0].services[0].buckets,
    );
    expect(search.services[0].inferenceEndpoints?.map(e => e.name)).toEqual([
      'bge-small-embeddings',
    ]);
    expect(assistant.services[0].workflows?.map(w => w.name)).toEqual([
      'support-assistant',
    ]);
  });

  it('refuses names the base seed does not have and values of the wrong type', () => {
    expect(() =>
      applySeedDrift(base, { components: { kubeflow: { version: '1.0.0' } } }),
    ).toThrow('components.kubeflow is not a component of the base seed');
    expect(() =>
      applySeedDrift(base, { components: { kubeai: { version: 13 as any } } }),
    ).toThrow('components.kubeai.version must be one of');
    expect(() =>
      applySeedDrift(base, { components: { kubeai: { downReplicas: 5 } } }),
    ).toThrow('components.kubeai.downReplicas is more than its 1 replicas');
    expect(() => applySeedDrift(base, { teams: { 'ops-team': {} } })).toThrow(
      'teams.ops-team is not a team of the base seed',
    );
    expect(() =>
      applySeedDrift(base, {
        teams: { 'search-team': { 'semantic-search': { buckets: ['nope'] } } },
      }),
    ).toThrow(
      'teams.search-team.semantic-search.buckets names nope, which semantic-search does not have',
    );
  });
});
