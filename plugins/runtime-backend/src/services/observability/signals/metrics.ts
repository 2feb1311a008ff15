import { RuntimeMetricSeries } from '@runtime-portal/backstage-plugin-runtime-common';
import {
  DEFAULT_PROMETHEUS_QUERIES,
  PrometheusQueryTemplate,
  renderQuery,
} from '@runtime-portal/backstage-plugin-runtime-node';
import type { SignalContext } from '../ObservabilityService';
import { ObservabilityTarget } from '../../entities/observabilityTarget';

/** The metric templates of a target's profile (RED always; vLLM signals for inference endpoints). */
function templatesFor(
  target: ObservabilityTarget,
  overrides: Record<string, string>,
): PrometheusQueryTemplate[] {
  return Object.values(DEFAULT_PROMETHEUS_QUERIES)
    .filter(
      t => t.profile === 'service' || target.profile === 'inference-endpoint',
    )
    .map(t => (overrides[t.id] ? { ...t, template: overrides[t.id] } : t));
}

/** RED (and inference) metrics of the target over the window, one range query per metric. */
export const loadMetrics = {
  missing: (target: ObservabilityTarget) =>
    target.service && target.namespace
      ? undefined
      : 'Metrics need the backstage.io/kubernetes-id and backstage.io/kubernetes-namespace annotations',
  key: ({ target, window }: Pick<SignalContext, 'target' | 'window'>) =>
    `${target.profile}:${target.namespace}/${target.service}/${
      target.model ?? ''
    }@${window.range}`,
  async load(ctx: SignalContext): Promise<RuntimeMetricSeries[]> {
    const { target, window } = ctx;
    const prometheus = ctx.clients.client(ctx.environment, 'prometheus');
    const variables = {
      namespace: target.namespace,
      service: target.service,
      model: target.model ?? target.service,
      window: window.rateWindow,
    };
    return Promise.all(
      templatesFor(target, ctx.settings.queries).map(async template => {
        const answer = await prometheus.queryRange(
          renderQuery(template.template, variables),
          {
            start: new Date(window.start * 1000),
            end: new Date(window.end * 1000),
            stepSeconds: window.stepSeconds,
            signal: ctx.signal,
          },
        );
        const points = (answer.result[0]?.values ?? []).filter(([, v]) =>
          Number.isFinite(v),
        );
        return {
          id: template.id,
          title: template.title,
          unit: template.unit,
          current: points.length ? points[points.length - 1][1] : undefined,
          points,
        };
      }),
    );
  },
};
