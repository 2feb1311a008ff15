import { TelemetryModel } from './TelemetryModel';

/** The Content-Type of the Prometheus text exposition format 0.0.4. */
export const EXPOSITION_CONTENT_TYPE =
  'text/plain; version=0.0.4; charset=utf-8';

/**
 * Formats a sample value as Prometheus does (Go's `strconv.FormatFloat(v, 'f', -1, 64)`): the
 * shortest decimal that reads back as the same number, never in exponent form; `NaN`, `+Inf`, `-Inf`.
 */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, fraction = '', exponentText] = match;
  const digits = lead + fraction;
  const exponent = Number(exponentText);
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  return `${sign}${digits}${'0'.repeat(
    Math.max(exponent - fraction.length, 0),
  )}`;
}

function escapeLabelValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/**
 * Renders every series of the model at unix time `t` (seconds) in the Prometheus text exposition
 * format 0.0.4: `# HELP` and `# TYPE` per family, one line per series.
 */
export function renderExposition(model: TelemetryModel, t: number): string {
  const lines: string[] = [];
  for (const family of model.families()) {
    if (family.series.length === 0) continue;
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const series of family.series) {
      const { __name__: name, ...labels } = series.labels;
      const rendered = Object.entries(labels)
        .map(([key, value]) => `${key}="${escapeLabelValue(value)}"`)
        .join(',');
      lines.push(
        `${name}{${rendered}} ${formatSampleValue(series.valueAt(t))}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
