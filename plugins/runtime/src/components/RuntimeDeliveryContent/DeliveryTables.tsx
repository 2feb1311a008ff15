import { CSSProperties } from 'react';
import { Link, TableColumn } from '@backstage/core-components';
import {
  RuntimeDeployment,
  RuntimeImage,
  RuntimePipeline,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  DeliveryTimelineEntry,
  DeploymentChips,
  LastSyncChip,
} from '../delivery';
import {
  formatDuration,
  formatRelativeTime,
  formatTimestamp,
  imageRisk,
  pipelineTone,
  shortRevision,
  CompactTable,
  StatusChip,
  Tone,
} from '../shared';

const When = (props: { iso: string }) => (
  <span title={formatTimestamp(props.iso)}>
    {formatRelativeTime(props.iso)}
  </span>
);

const monospace: CSSProperties = { fontFamily: 'monospace' };

function timelineTone(entry: DeliveryTimelineEntry): Tone {
  if (entry.kind === 'pipeline') return pipelineTone(entry.status);
  if (entry.kind === 'image') {
    if (/^[1-9]\d* critical/.test(entry.status)) return 'error';
    if (/ [1-9]\d* high/.test(entry.status)) return 'warning';
    return /^0 critical/.test(entry.status) ? 'ok' : 'neutral';
  }
  if (entry.kind === 'deployment') {
    if (entry.status === 'superseded') return 'neutral';
    return /OutOfSync|Degraded|Missing/.test(entry.status) ? 'error' : 'ok';
  }
  return 'neutral';
}

const timelineColumns: TableColumn<DeliveryTimelineEntry>[] = [
  { title: 'When', render: e => <When iso={e.time} /> },
  { title: 'Kind', render: e => e.kind },
  {
    title: 'What',
    render: e => (e.link ? <Link to={e.link}>{e.title}</Link> : e.title),
  },
  {
    title: 'Revision',
    render: e => (e.revision ? shortRevision(e.revision) : ''),
    cellStyle: monospace,
  },
  {
    title: 'Status',
    render: e => <StatusChip label={e.status} tone={timelineTone(e)} />,
  },
];

/** Commits, pipelines, images and deployments in one table, newest first. */
export function TimelineTable(props: { entries: DeliveryTimelineEntry[] }) {
  return (
    <CompactTable
      label="Delivery timeline"
      emptyText="Nothing delivered yet"
      columns={timelineColumns}
      rows={props.entries}
    />
  );
}

const pipelineColumns: TableColumn<RuntimePipeline>[] = [
  { title: 'Pipeline', render: p => <Link to={p.webUrl}>#{p.id}</Link> },
  { title: 'Ref', render: p => p.ref },
  { title: 'Commit', render: p => shortRevision(p.sha), cellStyle: monospace },
  {
    title: 'Status',
    render: p => <StatusChip label={p.status} tone={pipelineTone(p.status)} />,
  },
  { title: 'Created', render: p => <When iso={p.createdAt} /> },
  { title: 'Duration', render: p => formatDuration(p.durationSeconds) },
  { title: 'Author', render: p => p.author ?? '' },
];

/** GitLab pipelines: id, ref, commit, status, created, duration and author. */
export function PipelinesTable(props: { pipelines: RuntimePipeline[] }) {
  return (
    <CompactTable
      label="Pipelines"
      emptyText="No pipelines"
      columns={pipelineColumns}
      rows={props.pipelines}
    />
  );
}

/** A right-aligned column with one vulnerability count, or `–` when the image is not scanned. */
function vulnerabilityColumn(
  title: string,
  severity: 'critical' | 'high' | 'medium' | 'low',
): TableColumn<RuntimeImage> {
  return {
    title,
    align: 'right',
    render: ({ vulnerabilities: v }) =>
      v?.scanStatus === 'Success' ? v[severity] : '–',
  };
}

const imageColumns: TableColumn<RuntimeImage>[] = [
  { title: 'Tags', render: image => image.tags.join(', ') || '(untagged)' },
  {
    title: 'Digest',
    render: image =>
      image.url ? (
        <Link to={image.url}>{shortRevision(image.digest)}</Link>
      ) : (
        shortRevision(image.digest)
      ),
    cellStyle: monospace,
  },
  { title: 'Pushed', render: image => <When iso={image.pushedAt} /> },
  {
    title: 'Risk',
    render: image => {
      const risk = imageRisk(image.vulnerabilities);
      return <StatusChip label={risk.label} tone={risk.tone} />;
    },
  },
  vulnerabilityColumn('Critical', 'critical'),
  vulnerabilityColumn('High', 'high'),
  vulnerabilityColumn('Medium', 'medium'),
  vulnerabilityColumn('Low', 'low'),
];

/** Harbor images: tags, digest, push time and vulnerability counts. */
export function ImagesTable(props: { images: RuntimeImage[] }) {
  return (
    <CompactTable
      label="Images"
      emptyText="No images"
      columns={imageColumns}
      rows={props.images}
    />
  );
}

const deploymentColumns: TableColumn<RuntimeDeployment>[] = [
  {
    title: 'Application',
    render: d =>
      d.url ? <Link to={d.url}>{d.application}</Link> : d.application,
  },
  {
    title: 'Revision',
    render: d => <span title={d.revision}>{shortRevision(d.revision)}</span>,
    cellStyle: monospace,
  },
  { title: 'Target', render: d => d.targetRevision ?? '' },
  {
    title: 'Sync and health',
    render: d => <DeploymentChips deployment={d} />,
  },
  {
    title: 'Last sync',
    render: d => (
      <>
        <LastSyncChip deployment={d} />
        {d.lastSync?.message ? ` ${d.lastSync.message}` : ''}
      </>
    ),
  },
  {
    title: 'Last deployed',
    render: d => (d.history[0] ? <When iso={d.history[0].deployedAt} /> : '–'),
  },
];

/** Argo CD applications of one environment: revision, sync, health and last sync. */
export function DeploymentsTable(props: {
  environment: string;
  deployments: RuntimeDeployment[];
}) {
  return (
    <CompactTable
      label={`Deployments in ${props.environment}`}
      emptyText="No Argo CD application found"
      columns={deploymentColumns}
      rows={props.deployments}
    />
  );
}
