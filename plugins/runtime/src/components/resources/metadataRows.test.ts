import { METADATA_TABLE_OPTIONS, metadataRows } from './metadataRows';

describe('metadataRows', () => {
  it('keeps the rows with a value, in order, and leaves out undefined and empty ones', () => {
    const metadata = metadataRows([
      ['Engine', 'vLLM'],
      ['Namespace', undefined],
      ['Model', ''],
      ['Replicas', 0],
      ['Webhook (in cluster)', 'http://hook'],
    ]);
    expect(Object.entries(metadata)).toEqual([
      ['Engine', 'vLLM'],
      ['Replicas', 0],
      ['Webhook (in cluster)', 'http://hook'],
    ]);
  });

  it('shows the labels as written', () => {
    expect(METADATA_TABLE_OPTIONS.titleFormat('Webhook (in cluster)')).toBe(
      'Webhook (in cluster)',
    );
  });
});
