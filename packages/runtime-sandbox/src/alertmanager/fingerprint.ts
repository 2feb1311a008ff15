const OFFSET64 = 0xcbf29ce484222325n;
const PRIME64 = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;
/** prometheus/common `model.SeparatorByte`. */
const SEPARATOR = 0xff;

/**
 * The fingerprint of a label set as Alertmanager shows it (prometheus/common `LabelSet.Fingerprint`:
 * FNV-1a 64 over the sorted names and values, each followed by 0xff), as 16 hex digits.
 */
export function labelSetFingerprint(labels: Record<string, string>): string {
  let hash = OFFSET64;
  const add = (byte: number) => {
    hash = ((hash ^ BigInt(byte)) * PRIME64) & MASK64;
  };
  const names = Object.keys(labels).sort();
  for (const name of names) {
    for (const byte of Buffer.from(name, 'utf8')) add(byte);
    add(SEPARATOR);
    for (const byte of Buffer.from(labels[name], 'utf8')) add(byte);
    add(SEPARATOR);
  }
  return hash.toString(16).padStart(16, '0');
}
