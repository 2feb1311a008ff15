import { TelemetrySource } from '../telemetry/telemetrySources';
import { Condition, SpansetFilter } from './parseTraceQL';
import { SimulatedSpan, SimulatedTrace, TraceOutline } from './traces';

function compare(actual: unknown, condition: Condition): boolean {
  const { operator, value } = condition;
  if (actual === undefined) return false;
  if (value.type === 'string' && typeof actual === 'string') {
    switch (operator) {
      case '=':
        return actual === value.value;
      case '!=':
        return actual !== value.value;
      case '=~':
        return value.regex!.test(actual);
      case '!~':
        return !value.regex!.test(actual);
      default:
        return false;
    }
  }
  if (value.type === 'number' && typeof actual === 'number') {
    switch (operator) {
      case '=':
        return actual === value.value;
      case '!=':
        return actual !== value.value;
      case '>':
        return actual > value.value;
      case '>=':
        return actual >= value.value;
      case '<':
        return actual < value.value;
      case '<=':
        return actual <= value.value;
      default:
        return false;
    }
  }
  if (
    (value.type === 'status' || value.type === 'kind') &&
    typeof actual === 'string'
  ) {
    if (operator === '=') return actual === value.value;
    if (operator === '!=') return actual !== value.value;
  }
  return false;
}

const RESOURCE_KEYS = [
  'service.name',
  'service.namespace',
  'k8s.namespace.name',
];

function resourceKey(attribute: string): string | undefined {
  if (attribute.startsWith('resource.'))
    return attribute.slice('resource.'.length);
  if (attribute.startsWith('.') && RESOURCE_KEYS.includes(attribute.slice(1)))
    return attribute.slice(1);
  return undefined;
}

/** Whether a source can have matching spans: its resource passes the filter's resource conditions. */
export function sourceMayMatch(
  filter: SpansetFilter,
  source: TelemetrySource,
): boolean {
  const resource: Record<string, string> = {
    'service.name': source.name,
    'service.namespace': source.namespace,
    'k8s.namespace.name': source.namespace,
  };
  return filter.conditions.every(condition => {
    const key = resourceKey(condition.attribute);
    return key === undefined || compare(resource[key], condition);
  });
}

/**
 * Whether a trace can have matching spans, from its outline: a `status = error` condition needs a
 * failed trace, a lower bound on `duration` a long enough root (the longest span).
 */
export function outlineMayMatch(
  filter: SpansetFilter,
  outline: TraceOutline,
): boolean {
  return filter.conditions.every(({ attribute, operator, value }) => {
    if (attribute === 'status' && operator === '=' && value.value === 'error')
      return outline.failed;
    if (
      attribute === 'duration' &&
      (operator === '>' || operator === '>=') &&
      value.type === 'number'
    ) {
      return operator === '>'
        ? outline.durationMs > value.value
        : outline.durationMs >= value.value;
    }
    return true;
  });
}

/** The value of an attribute of a span of a trace (intrinsics, resource and span attributes). */
export function spanAttribute(
  trace: SimulatedTrace,
  span: SimulatedSpan,
  attribute: string,
): unknown {
  const resource: Record<string, string> = {
    'service.name': trace.source.name,
    'service.namespace': trace.source.namespace,
    'k8s.namespace.name': trace.source.namespace,
  };
  switch (attribute) {
    case 'name':
      return span.name;
    case 'status':
      return span.status;
    case 'kind':
      return span.kind;
    case 'duration':
      return span.durationMs;
    default:
      break;
  }
  if (attribute.startsWith('resource.'))
    return resource[attribute.slice('resource.'.length)];
  if (attribute.startsWith('span.'))
    return span.attributes[attribute.slice('span.'.length)];
  if (attribute.startsWith('.')) {
    const key = attribute.slice(1);
    return span.attributes[key] ?? resource[key];
  }
  return undefined;
}

/** The spans of a trace that match the filter (a trace matches when there is at least one). */
export function matchingSpans(
  filter: SpansetFilter,
  trace: SimulatedTrace,
): SimulatedSpan[] {
  return trace.spans.filter(span =>
    filter.conditions.every(condition =>
      compare(spanAttribute(trace, span, condition.attribute), condition),
    ),
  );
}
