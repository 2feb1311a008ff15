import {
  RuntimeDeliveryReport,
  RuntimePipeline,
} from '@runtime-portal/backstage-plugin-runtime-common';

type PipelineData = NonNullable<RuntimeDeliveryReport['pipelines']['data']>;

/** The newest pipeline of the default branch, or the newest pipeline when the branch is unknown. */
export function lastDefaultBranchPipeline(
  data: PipelineData,
): RuntimePipeline | undefined {
  if (!data.defaultBranch) return data.pipelines[0];
  return data.pipelines.find(p => p.ref === data.defaultBranch);
}

/** One entry of the delivery timeline. */
export interface DeliveryTimelineEntry {
  kind: 'commit' | 'pipeline' | 'image' | 'deployment';
  time: string;
  title: string;
  status: string;
  /** Commit the entry is about, when known, to join entries by eye. */
  revision?: string;
  link?: string;
}

/**
 * Joins commits (pipeline shas), pipelines, images (push time) and deployments (Argo CD history)
 * into one timeline, newest first. Signals that are not ok contribute nothing.
 */
export function buildDeliveryTimeline(
  report: RuntimeDeliveryReport,
): DeliveryTimelineEntry[] {
  const entries: DeliveryTimelineEntry[] = [];
  const pipelines = report.pipelines.data?.pipelines ?? [];
  const projectUrl = report.pipelines.data?.webUrl;

  const firstSeen = new Map<string, RuntimePipeline>();
  for (const p of pipelines) {
    entries.push({
      kind: 'pipeline',
      time: p.createdAt,
      title: `Pipeline #${p.id} on ${p.ref}`,
      status: p.status,
      revision: p.sha,
      link: p.webUrl,
    });
    const seen = firstSeen.get(p.sha);
    if (!seen || Date.parse(p.createdAt) < Date.parse(seen.createdAt)) {
      firstSeen.set(p.sha, p);
    }
  }
  for (const [sha, p] of firstSeen) {
    entries.push({
      kind: 'commit',
      time: p.createdAt,
      title: `Commit ${sha.slice(0, 8)} on ${p.ref}${
        p.author ? ` by ${p.author}` : ''
      }`,
      status: 'pushed',
      revision: sha,
      link: projectUrl ? `${projectUrl}/-/commit/${sha}` : undefined,
    });
  }

  for (const image of report.images.data?.images ?? []) {
    const v = image.vulnerabilities;
    entries.push({
      kind: 'image',
      time: image.pushedAt,
      title: `Image ${image.tags.join(', ') || image.digest.slice(0, 19)}`,
      status:
        v && v.scanStatus === 'Success'
          ? `${v.critical} critical, ${v.high} high`
          : v?.scanStatus ?? 'not scanned',
      revision: [...firstSeen.keys()].find(sha =>
        image.tags.some(tag => tag.length >= 7 && sha.startsWith(tag)),
      ),
      link: image.url,
    });
  }

  for (const env of report.deployments) {
    for (const app of env.data ?? []) {
      app.history.forEach((h, index) => {
        const current = index === 0 && h.revision === app.revision;
        entries.push({
          kind: 'deployment',
          time: h.deployedAt,
          title: `Deployed ${app.application} to ${env.environment}`,
          status: current
            ? `${app.syncStatus}, ${app.healthStatus}`
            : 'superseded',
          revision: h.revision,
          link: app.url,
        });
      });
    }
  }

  return entries.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}
