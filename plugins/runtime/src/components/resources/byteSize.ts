const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];

/**
 * A size in bytes as people read it, in powers of 1024 with one decimal below 10 units:
 * `512 bytes`, `7.4 MB`, `23 GB`.
 */
export function byteSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const shown = value < 10 ? value.toFixed(1) : Math.round(value).toString();
  return `${shown} ${UNITS[unit]}`;
}
