import {
  KubeAIModel,
  MODEL_KIND,
  RuntimeClients,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { Sandbox } from '@runtime-portal/runtime-sandbox';
import {
  sandboxAdminClients,
  sandboxClients,
  startTestSandbox,
} from '../__testUtils__/actionTestKit';
import { claimLabels, writeClaimedObject } from './claimedObject';

const teamA = { owner: 'search-team', service: 'semantic-search' };
const teamB = { owner: 'assistant-team', service: 'chat-assistant' };

function model(
  name: string,
  claim: { owner: string; service: string },
  maxReplicas = 1,
): KubeAIModel {
  return {
    apiVersion: 'kubeai.org/v1',
    kind: 'Model',
    metadata: { name, namespace: 'team-search', labels: claimLabels(claim) },
    spec: {
      url: 'hf://BAAI/bge-small-en-v1.5',
      engine: 'Infinity',
      features: ['TextEmbedding'],
      minReplicas: 0,
      maxReplicas,
    },
  };
}

describe('writeClaimedObject', () => {
  let sandbox: Sandbox;
  let clients: RuntimeClients;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    clients = sandboxClients(sandbox);
  });
  afterAll(() => sandbox.close());

  const context = (claim: { owner: string; service: string }) => ({
    kubernetes: clients.client('dev', 'kubernetes'),
    environment: 'dev',
    claim,
  });

  it('lets exactly one of two teams creating the same object at once win; the other gets a 409 naming both', async () => {
    for (let round = 0; round < 5; round++) {
      const name = `race-${round}`;
      const results = await Promise.allSettled([
        writeClaimedObject(MODEL_KIND, model(name, teamA), context(teamA)),
        writeClaimedObject(MODEL_KIND, model(name, teamB), context(teamB)),
      ]);
      const won = results.map(result => result.status === 'fulfilled');
      expect(won.filter(Boolean)).toHaveLength(1);
      const [winner, loser] = won[0] ? [teamA, teamB] : [teamB, teamA];
      const refusal = results.find(
        r => r.status === 'rejected',
      ) as PromiseRejectedResult;
      expect(refusal.reason.name).toBe('ConflictError');
      expect(refusal.reason.message).toBe(
        `Model team-search/${name} in dev already exists and belongs to owner '${winner.owner}', service '${winner.service}', not ${loser.owner}/${loser.service}`,
      );
      const live = await clients
        .client('dev', 'kubernetes')
        .get(MODEL_KIND, 'team-search', name);
      expect(live?.metadata.labels).toMatchObject(claimLabels(winner));
    }
  });

  it("never rewrites an object that another team's run took over between the check and the write", async () => {
    const kubernetes = clients.client('dev', 'kubernetes');
    // Team B's change, made directly: the portal itself may not delete Models.
    const platform = sandboxAdminClients(sandbox).client('dev', 'kubernetes');
    await writeClaimedObject(MODEL_KIND, model('swap', teamA), context(teamA));
    const get = kubernetes.get.bind(kubernetes);
    let swapped = false;
    const spy = jest
      .spyOn(kubernetes, 'get')
      .mockImplementation(async (kind, namespace, name, options) => {
        const read = await get(kind, namespace, name, options);
        if (!swapped) {
          // Right after team A's check, team B replaces the object with its own.
          swapped = true;
          await platform.delete(MODEL_KIND, 'team-search', 'swap');
          await platform.create(model('swap', teamB, 2));
        }
        return read;
      });
    try {
      await expect(
        writeClaimedObject(MODEL_KIND, model('swap', teamA, 5), context(teamA)),
      ).rejects.toThrow(
        "Model team-search/swap in dev already exists and belongs to owner 'assistant-team', service 'chat-assistant', not search-team/semantic-search",
      );
    } finally {
      spy.mockRestore();
    }
    const live = await kubernetes.get(MODEL_KIND, 'team-search', 'swap');
    expect(live?.spec.maxReplicas).toBe(2);
    expect(live?.metadata.labels).toMatchObject(claimLabels(teamB));
  });

  it('updates its own object over the resourceVersion it checked, and creates nothing on a dry run', async () => {
    const first = await writeClaimedObject(
      MODEL_KIND,
      model('own', teamA),
      context(teamA),
    );
    expect(first.created).toBe(true);
    const second = await writeClaimedObject(
      MODEL_KIND,
      model('own', teamA, 3),
      context(teamA),
    );
    expect(second).toMatchObject({ created: false });
    expect(second.object.spec.maxReplicas).toBe(3);
    expect(second.object.metadata.uid).toBe(first.object.metadata.uid);

    const dry = await writeClaimedObject(MODEL_KIND, model('dry', teamA), {
      ...context(teamA),
      dryRun: true,
    });
    expect(dry.created).toBe(true);
    expect(
      await clients
        .client('dev', 'kubernetes')
        .get(MODEL_KIND, 'team-search', 'dry'),
    ).toBeUndefined();
  });
});
