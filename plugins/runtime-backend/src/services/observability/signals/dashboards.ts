import { RuntimeDashboardLink } from '@runtime-portal/backstage-plugin-runtime-common';
import type { SignalContext } from '../ObservabilityService';
import { ObservabilityTarget } from '../../entities/observabilityTarget';

/** Grafana dashboards carrying every tag of the entity's dashboard selector, as links. */
export const loadDashboards = {
  missing: (target: ObservabilityTarget) =>
    target.dashboardTags.length
      ? undefined
      : "Dashboards need a grafana/dashboard-selector annotation, e.g. tags @> 'my-service'",
  key: ({ target }: Pick<SignalContext, 'target'>) =>
    [...target.dashboardTags].sort().join(','),
  async load(ctx: SignalContext): Promise<RuntimeDashboardLink[]> {
    const dashboards = await ctx.clients
      .client(ctx.environment, 'grafana')
      .searchDashboards({ tags: ctx.target.dashboardTags, signal: ctx.signal });
    return dashboards.map(d => ({
      uid: d.uid,
      title: d.title,
      url: d.url,
      folder: d.folderTitle,
      tags: d.tags,
    }));
  },
};
