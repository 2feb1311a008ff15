import { walkFolders } from './walkFolders';

describe('walkFolders', () => {
  const tree: Record<string, string[]> = {
    '': ['a/', 'b/', 'c/', 'top'],
    'a/': ['x', 'nested/'],
    'a/nested/': ['y'],
    'b/': ['z'],
    'c/': [],
  };

  it('gives every leaf path, sorted, and never lists more folders at once than allowed', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const list = async (folder: string) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise(resolve => setTimeout(resolve, 5));
      inFlight--;
      return tree[folder];
    };
    await expect(walkFolders('', list, 2)).resolves.toEqual([
      'a/nested/y',
      'a/x',
      'b/z',
      'top',
    ]);
    expect(maxInFlight).toBe(2);
  });

  it('fails with the first failed listing', async () => {
    const list = async (folder: string) => {
      if (folder === 'b/') throw new Error('boom');
      return tree[folder];
    };
    await expect(walkFolders('', list, 3)).rejects.toThrow('boom');
  });
});
