import { RuntimeTraceSummary } from '@runtime-portal/backstage-plugin-runtime-common';
import type { SignalContext } from '../ObservabilityService';
import { ObservabilityTarget } from '../../entities/observabilityTarget';

/**
 * Recent failed or slow traces whose root service is the target, from Tempo (TraceQL); in the target's
 * namespace (`k8s.namespace.name`) when it has one, so a service name shared across namespaces, or
 * another team's, reads only the entity's own traces.
 */
export const loadTraces = {
  missing: (target: ObservabilityTarget) =>
    target.service
      ? undefined
      : 'Traces need the backstage.io/kubernetes-id annotation (the service.name of its spans)',
  key: ({ target, window }: Pick<SignalContext, 'target' | 'window'>) =>
    `${target.namespace ?? ''}/${target.service}@${window.range}`,
  async load(ctx: SignalContext): Promise<RuntimeTraceSummary[]> {
    const { target, window, settings } = ctx;
    const ofTarget = `resource.service.name = ${JSON.stringify(
      target.service,
    )}${
      target.namespace
        ? ` && resource.k8s.namespace.name = ${JSON.stringify(
            target.namespace,
          )}`
        : ''
    }`;
    const tempo = ctx.clients.client(ctx.environment, 'tempo');
    const ui = ctx.clients.environment(ctx.environment).tempo?.uiUrl;
    // Failed and slow traces, as two searches: simple spanset filters every Tempo version answers.
    const searches = await Promise.all(
      [
        `{ ${ofTarget} && status = error }`,
        `{ ${ofTarget} && duration > ${settings.slowTraceMs}ms }`,
      ].map(query =>
        tempo.search({
          query,
          limit: settings.traceLimit,
          start: new Date(window.start * 1000),
          end: new Date(window.end * 1000),
          signal: ctx.signal,
        }),
      ),
    );
    const traces = [
      ...new Map(searches.flat().map(t => [t.traceId, t])).values(),
    ];
    return traces
      .map(trace => ({
        traceId: trace.traceId,
        rootService: trace.rootServiceName ?? target.service!,
        rootName: trace.rootTraceName ?? '',
        startedAt: trace.startTime.toISOString(),
        durationMs: trace.durationMs,
        url: ui
          ? `${ui}/trace/${encodeURIComponent(trace.traceId)}`
          : undefined,
      }))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, settings.traceLimit);
  },
};
