/**
 * The check Argo Events makes of a cron schedule (calendar event sources, a trigger's
 * `conditionsReset.byTime.cron`): github.com/robfig/cron/v3 v3.0.1 with a parser of the five standard
 * fields (Minute | Hour | Dom | Month | Dow) and no descriptors, worded as its `parser.go` words its
 * errors.
 */

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTH_NAMES = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  {
    min: 1,
    max: 12,
    names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])),
  },
  {
    min: 0,
    max: 6,
    names: Object.fromEntries(DAY_NAMES.map((n, i) => [n, i])),
  },
];

class CronError extends Error {}

/** Go's strconv.Atoi, with its error text. */
function atoi(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) {
    throw new CronError(
      `failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(
        text,
      )}: invalid syntax`,
    );
  }
  const value = Number(text);
  if (value < 0) {
    throw new CronError(`negative number (${value}) not allowed: ${text}`);
  }
  return value;
}

function intOrName(text: string, bounds: Bounds): number {
  const named = bounds.names?.[text.toLowerCase()];
  return named ?? atoi(text);
}

function checkRange(expr: string, bounds: Bounds) {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = bounds.min;
    end = bounds.max;
  } else {
    start = intOrName(lowAndHigh[0], bounds);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = intOrName(lowAndHigh[1], bounds);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = atoi(rangeAndStep[1]);
    if (lowAndHigh.length === 1) end = bounds.max;
  } else if (rangeAndStep.length > 2) {
    throw new CronError(`too many slashes: ${expr}`);
  }
  if (start < bounds.min) {
    throw new CronError(
      `beginning of range (${start}) below minimum (${bounds.min}): ${expr}`,
    );
  }
  if (end > bounds.max) {
    throw new CronError(
      `end of range (${end}) above maximum (${bounds.max}): ${expr}`,
    );
  }
  if (start > end) {
    throw new CronError(
      `beginning of range (${start}) beyond end of range (${end}): ${expr}`,
    );
  }
  if (step === 0) {
    throw new CronError(`step of range should be a positive number: ${expr}`);
  }
}

/**
 * The error robfig/cron's five-field parser reports for `spec`, or undefined when it parses. (A
 * `TZ=`/`CRON_TZ=` prefix is accepted without checking the zone.)
 */
export function cronScheduleProblem(spec: string): string | undefined {
  if (spec.length === 0) return 'empty spec string';
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    rest = rest.slice(rest.indexOf(' ') + 1).trim();
  }
  if (rest.startsWith('@')) {
    return `parser does not accept descriptors: ${rest}`;
  }
  const fields = rest.split(/\s+/).filter(Boolean);
  if (fields.length !== FIELDS.length) {
    return `expected exactly ${FIELDS.length} fields, found ${
      fields.length
    }: [${fields.join(' ')}]`;
  }
  try {
    fields.forEach((field, i) => {
      for (const expr of field.split(',').filter(Boolean)) {
        checkRange(expr, FIELDS[i]);
      }
    });
  } catch (error) {
    if (error instanceof CronError) return error.message;
    throw error;
  }
  return undefined;
}

const DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$/;

/** The error Go's `time.ParseDuration` reports for `text`, or undefined when it parses. */
export function goDurationProblem(text: string): string | undefined {
  return DURATION.test(text)
    ? undefined
    : `time: invalid duration ${JSON.stringify(text)}`;
}
