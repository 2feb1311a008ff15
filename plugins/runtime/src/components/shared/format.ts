import { RuntimeMetricSeries } from '@runtime-portal/backstage-plugin-runtime-common';

/** A number with few significant decimals: 1234, 12.3, 1.23, 0.012. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return trimZeros(value.toFixed(1));
  if (abs >= 0.01) return trimZeros(value.toFixed(2));
  return String(Number(value.toPrecision(2)));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A metric value in its unit: `12.3 req/s`, `1.5 %`, `245 ms`, `1.2 s`, `3`, `85 tok/s`. */
export function formatMetricValue(
  value: number | undefined,
  unit: RuntimeMetricSeries['unit'],
): string {
  if (value === undefined || !Number.isFinite(value)) return 'no data';
  switch (unit) {
    case 'requests/s':
      return `${formatNumber(value)} req/s`;
    case 'ratio':
      return `${formatNumber(value * 100)} %`;
    case 'seconds':
      return Math.abs(value) < 1
        ? `${formatNumber(value * 1000)} ms`
        : `${formatNumber(value)} s`;
    case 'tokens/s':
      return `${formatNumber(value)} tok/s`;
    case 'requests':
    default:
      return formatNumber(value);
  }
}

/** A duration in seconds as `45s`, `3m 05s` or `1h 02m`. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return '–';
  }
  const total = Math.round(seconds);
  if (total < 60) return `${total}s`;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${minutes}m ${String(secs).padStart(2, '0')}s`;
}

/** How long ago an ISO 8601 time was: `just now`, `5 min ago`, `3 h ago`, `2 d ago`. */
export function formatRelativeTime(iso: string, now: number = Date.now()) {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const seconds = Math.round((now - time) / 1000);
  if (seconds < 0) return 'just now';
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

/** An ISO 8601 time as `2026-11-25 14:03:12` (UTC), stable across locales. */
export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A unix-seconds time as `HH:MM` (UTC) for axis labels. */
export function formatAxisTime(unixSeconds: number, spanSeconds: number) {
  const iso = new Date(unixSeconds * 1000).toISOString();
  return spanSeconds > 86400
    ? iso.slice(5, 16).replace('T', ' ')
    : iso.slice(11, 16);
}

/** The first 8 characters of a commit sha or the hex part of an image digest. */
export function shortRevision(revision: string | undefined): string {
  if (!revision) return '–';
  const hex = revision.replace(/^sha256:/, '');
  return /^[0-9a-f]{12,}$/i.test(hex) ? hex.slice(0, 8) : revision;
}
