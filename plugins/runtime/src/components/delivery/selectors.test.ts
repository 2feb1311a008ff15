import { deliveryReport, fetchedAt } from '../../__testUtils__';
import { buildDeliveryTimeline, lastDefaultBranchPipeline } from './selectors';

describe('lastDefaultBranchPipeline', () => {
  it('picks the newest pipeline of the default branch', () => {
    const data = deliveryReport().pipelines.data!;
    expect(lastDefaultBranchPipeline(data)?.id).toBe(40);
    expect(
      lastDefaultBranchPipeline({ ...data, defaultBranch: undefined })?.id,
    ).toBe(41);
    expect(
      lastDefaultBranchPipeline({ ...data, defaultBranch: 'release' }),
    ).toBeUndefined();
  });
});

describe('buildDeliveryTimeline', () => {
  it('joins commits, pipelines, images and deployments newest first', () => {
    const entries = buildDeliveryTimeline(deliveryReport());
    expect(entries.map(e => e.kind)).toEqual([
      'pipeline', // 41, 10 min ago
      'commit', // ffff…, 10 min ago
      'deployment', // 30 min ago
      'image', // 35 min ago
      'pipeline', // 40, 40 min ago
      'commit', // a1b2…, 40 min ago
      'deployment', // 300 min ago
    ]);
    const image = entries.find(e => e.kind === 'image')!;
    expect(image.revision).toBe('a1b2c3d4e5f60718293a4b5c6d7e8f9012345678');
    expect(image.status).toBe('2 critical, 5 high');
    const [current, older] = entries.filter(e => e.kind === 'deployment');
    expect(current.status).toBe('OutOfSync, Degraded');
    expect(older.status).toBe('superseded');
    expect(entries.find(e => e.kind === 'commit')?.link).toBe(
      'http://gitlab.test/team-a/semantic-search/-/commit/ffffeeee0000111122223333444455556666aaaa',
    );
  });

  it('leaves out signals that are not ok', () => {
    const entries = buildDeliveryTimeline(
      deliveryReport({
        pipelines: { status: 'unavailable', message: 'down', fetchedAt },
        images: { status: 'not-configured', fetchedAt },
        deployments: [],
      }),
    );
    expect(entries).toEqual([]);
  });
});
