import { RuntimeLogLine } from '@runtime-portal/backstage-plugin-runtime-common';
import { buildStreamSelector } from '@runtime-portal/backstage-plugin-runtime-node';
import type { SignalContext } from '../ObservabilityService';
import { ObservabilityTarget } from '../../entities/observabilityTarget';

/** Logs are read over at most the last hour, whatever the chart range: recent lines are what matter. */
const MAX_LOG_WINDOW_SECONDS = 3600;

/** Recent error lines of the target's streams (`{namespace, service}`) from Loki, newest first. */
export const loadLogs = {
  missing: (target: ObservabilityTarget) =>
    target.service && target.namespace
      ? undefined
      : 'Logs need the backstage.io/kubernetes-id and backstage.io/kubernetes-namespace annotations',
  key: ({ target, window }: Pick<SignalContext, 'target' | 'window'>) =>
    `${target.namespace}/${target.service}@${window.range}`,
  async load(ctx: SignalContext): Promise<RuntimeLogLine[]> {
    const { target, window, settings } = ctx;
    const selector = buildStreamSelector({
      namespace: target.namespace!,
      service: target.service!,
    });
    const start = Math.max(window.start, window.end - MAX_LOG_WINDOW_SECONDS);
    const lines = await ctx.clients.client(ctx.environment, 'loki').queryRange({
      query: `${selector} ${settings.logFilter}`,
      start: new Date(start * 1000),
      end: new Date(Date.now()),
      limit: settings.logLimit,
      direction: 'backward',
      signal: ctx.signal,
    });
    return lines.map(line => ({
      timestamp: line.timestamp.toISOString(),
      line: line.line,
      labels: line.labels,
    }));
  },
};
