import { RuntimeSeed } from '../seed';
import { hexHash } from '../telemetry/deterministic';

/**
 * A dashboard or folder as Grafana's search lists it (`model.Hit` of grafana/grafana
 * pkg/services/search/model/model.go; `slug` is left empty and `uri` is `db/<slug>`, as the
 * dashboard service fills them).
 */
export interface GrafanaSearchHit {
  id: number;
  uid: string;
  orgId: number;
  title: string;
  uri: string;
  url: string;
  slug: string;
  type: 'dash-db' | 'dash-folder';
  tags: string[];
  isStarred: boolean;
  sortMeta: number;
  isDeleted: boolean;
  folderId?: number;
  folderUid?: string;
  folderTitle?: string;
  folderUrl?: string;
}

/** Grafana's slug of a title: lower case, runs of other characters as single dashes. */
function slugify(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The folders and dashboards of the sandbox's Grafana: a "Runtime" folder with "Runtime / Overview"
 * (tagged `runtime`), "Runtime / vLLM" (tagged `runtime`, `vllm`, `inference`) and one dashboard per
 * other installed component (tagged `runtime` and its name), and per team a folder with one
 * dashboard per service, tagged with the service name, `service` and the team's namespace.
 */
export function seedDashboards(seed: RuntimeSeed): GrafanaSearchHit[] {
  const hits: GrafanaSearchHit[] = [];
  let id = 1;
  const folder = (title: string) => {
    const uid = `folder-${slugify(title)}`;
    const slug = slugify(title);
    const hit: GrafanaSearchHit = {
      id: id++,
      uid,
      orgId: 1,
      title,
      uri: `db/${slug}`,
      url: `/dashboards/f/${uid}/${slug}`,
      slug: '',
      type: 'dash-folder',
      tags: [],
      isStarred: false,
      sortMeta: 0,
      isDeleted: false,
    };
    hits.push(hit);
    return hit;
  };
  const dashboard = (
    title: string,
    tags: string[],
    parent: GrafanaSearchHit,
  ) => {
    const slug = slugify(title);
    const uid = hexHash(7, title).slice(0, 14);
    hits.push({
      id: id++,
      uid,
      orgId: 1,
      title,
      uri: `db/${slug}`,
      url: `/d/${uid}/${slug}`,
      slug: '',
      type: 'dash-db',
      tags,
      isStarred: false,
      sortMeta: 0,
      isDeleted: false,
      folderId: parent.id,
      folderUid: parent.uid,
      folderTitle: parent.title,
      folderUrl: parent.url,
    });
  };
  const runtime = folder('Runtime');
  dashboard('Runtime / Overview', ['runtime'], runtime);
  dashboard('Runtime / vLLM', ['inference', 'runtime', 'vllm'], runtime);
  // One dashboard per installed component, tagged `runtime` and the component's name.
  for (const component of seed.components) {
    if (component.name === 'vllm') continue;
    dashboard(
      `Runtime / ${component.name}`,
      ['runtime', component.name],
      runtime,
    );
  }
  for (const team of seed.teams) {
    const teamFolder = folder(team.name);
    for (const service of team.services) {
      dashboard(
        `${service.name} / Service`,
        [service.name, 'service', team.namespace].sort(),
        teamFolder,
      );
    }
  }
  return hits;
}
