import { RESOLVE_TIMEOUT_MS, StoredAlert } from './AlertStore';

/** A refused `POST /api/v2/alerts`: the status and the JSON body Alertmanager answers with. */
export class PostAlertsError extends Error {
  constructor(readonly status: number, readonly body: unknown) {
    super(typeof body === 'string' ? body : JSON.stringify(body));
  }
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function parsingFailed(reason: string): PostAlertsError {
  return new PostAlertsError(400, {
    code: 400,
    message: `parsing alerts body from "" failed, because ${reason}`,
  });
}

function readTime(value: unknown): Date | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const time = typeof value === 'string' ? new Date(value) : undefined;
  if (
    !time ||
    Number.isNaN(time.getTime()) ||
    !/^\d{4}-\d\d-\d\dT/.test(String(value))
  ) {
    throw parsingFailed(`parsing time ${JSON.stringify(value)} as RFC 3339`);
  }
  return time;
}

function readStringMap(value: unknown, field: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw parsingFailed(`json: cannot unmarshal into Go struct field ${field}`);
  }
  for (const entry of Object.values(value)) {
    if (typeof entry !== 'string') {
      throw parsingFailed(
        `json: cannot unmarshal into Go struct field ${field} of type string`,
      );
    }
  }
  return value as Record<string, string>;
}

/**
 * Reads the body of `POST /api/v2/alerts` as Alertmanager 0.25 does: an array of postable alerts
 * (`labels` required), `startsAt` defaulting to now (or `endsAt`), `endsAt` to now plus the resolve
 * timeout; then validates each (at least one label, valid label names, start before end), answering
 * 400 with the joined messages.
 */
export function readPostableAlerts(body: unknown, now: Date): StoredAlert[] {
  if (!Array.isArray(body)) {
    throw parsingFailed(
      'json: cannot unmarshal object into Go value of type models.PostableAlerts',
    );
  }
  const alerts: StoredAlert[] = [];
  const problems: string[] = [];
  body.forEach((item: unknown, index) => {
    const raw = (item ?? {}) as Record<string, unknown>;
    if (raw.labels === undefined || raw.labels === null) {
      throw new PostAlertsError(422, {
        code: 602,
        message: `${index}.labels in body is required`,
      });
    }
    const labels = readStringMap(raw.labels, 'labels');
    const annotations = readStringMap(raw.annotations, 'annotations');
    const endsAtGiven = readTime(raw.endsAt);
    const startsAt = readTime(raw.startsAt) ?? endsAtGiven ?? now;
    const endsAt = endsAtGiven ?? new Date(now.getTime() + RESOLVE_TIMEOUT_MS);
    const invalidName = Object.keys(labels).find(
      name => !LABEL_NAME.test(name),
    );
    if (Object.keys(labels).length === 0) {
      problems.push('at least one label pair required');
    } else if (invalidName !== undefined) {
      problems.push(
        `invalid label set: invalid name ${JSON.stringify(invalidName)}`,
      );
    } else if (endsAt.getTime() < startsAt.getTime()) {
      problems.push('start time must be before end time');
    } else {
      alerts.push({
        labels,
        annotations,
        startsAt,
        endsAt,
        updatedAt: now,
        generatorURL:
          typeof raw.generatorURL === 'string' && raw.generatorURL
            ? raw.generatorURL
            : undefined,
      });
    }
  });
  if (problems.length > 0) throw new PostAlertsError(400, problems.join('; '));
  return alerts;
}
