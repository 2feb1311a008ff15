import { hashParts, hexHash, unitHash } from './deterministic';

/** The hash as first written: FNV-1a over the parts joined with `\u001f`, then an avalanche. */
function joinedHash(...parts: Array<string | number>): number {
  let hash = 0x811c9dc5;
  const text = parts.join('\u001f');
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

const PARTS: Array<Array<string | number>> = [
  [],
  [''],
  ['semantic-search'],
  ['semantic-search', 'info', 12345, 'route'],
  ['loki', 'error', 0, ''],
  ['é', 'x\u001fy', -1.5],
];

describe('deterministic hashes', () => {
  it.each(PARTS)('hash the joined parts %j as they always have', (...parts) => {
    expect(unitHash(...parts)).toBe(joinedHash(...parts) / 0x100000000);
    expect(hexHash(12, ...parts)).toBe(
      [0, 1, 2]
        .map(i =>
          joinedHash(...parts, i)
            .toString(16)
            .padStart(8, '0'),
        )
        .join('')
        .slice(0, 24),
    );
  });

  it('give the same numbers from shared leading parts', () => {
    for (const parts of PARTS) {
      for (let split = 0; split <= parts.length; split++) {
        const hashes = hashParts(...parts.slice(0, split));
        const rest = parts.slice(split);
        expect(hashes.unit(...rest)).toBe(unitHash(...parts));
        expect(hashes.hex(5, ...rest)).toBe(hexHash(5, ...parts));
        expect(hashes.hex(23, ...rest, 'x')).toBe(hexHash(23, ...parts, 'x'));
      }
    }
  });
});
