import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { Link } from '@backstage/core-components';
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
  EmptyNote,
  formatDuration,
  formatRelativeTime,
  formatTimestamp,
  imageRisk,
  pipelineTone,
  shortRevision,
  StatusChip,
  Tone,
} from '../shared';

const When = (props: { iso: string }) => (
  <span title={formatTimestamp(props.iso)}>
    {formatRelativeTime(props.iso)}
  </span>
);

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

/** Commits, pipelines, images and deployments in one table, newest first. */
export function TimelineTable(props: { entries: DeliveryTimelineEntry[] }) {
  if (props.entries.length === 0) {
    return <EmptyNote>Nothing delivered yet</EmptyNote>;
  }
  return (
    <Table size="small" aria-label="Delivery timeline">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Kind</TableCell>
          <TableCell>What</TableCell>
          <TableCell>Revision</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.entries.map((e, i) => (
          <TableRow key={`${e.kind}-${e.time}-${i}`}>
            <TableCell>
              <When iso={e.time} />
            </TableCell>
            <TableCell>{e.kind}</TableCell>
            <TableCell>
              {e.link ? <Link to={e.link}>{e.title}</Link> : e.title}
            </TableCell>
            <TableCell style={{ fontFamily: 'monospace' }}>
              {e.revision ? shortRevision(e.revision) : ''}
            </TableCell>
            <TableCell>
              <StatusChip label={e.status} tone={timelineTone(e)} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** GitLab pipelines: id, ref, commit, status, created, duration and author. */
export function PipelinesTable(props: { pipelines: RuntimePipeline[] }) {
  if (props.pipelines.length === 0) return <EmptyNote>No pipelines</EmptyNote>;
  return (
    <Table size="small" aria-label="Pipelines">
      <TableHead>
        <TableRow>
          <TableCell>Pipeline</TableCell>
          <TableCell>Ref</TableCell>
          <TableCell>Commit</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Created</TableCell>
          <TableCell>Duration</TableCell>
          <TableCell>Author</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.pipelines.map(p => (
          <TableRow key={p.id}>
            <TableCell>
              <Link to={p.webUrl}>#{p.id}</Link>
            </TableCell>
            <TableCell>{p.ref}</TableCell>
            <TableCell style={{ fontFamily: 'monospace' }}>
              {shortRevision(p.sha)}
            </TableCell>
            <TableCell>
              <StatusChip label={p.status} tone={pipelineTone(p.status)} />
            </TableCell>
            <TableCell>
              <When iso={p.createdAt} />
            </TableCell>
            <TableCell>{formatDuration(p.durationSeconds)}</TableCell>
            <TableCell>{p.author ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Harbor images: tags, digest, push time and vulnerability counts. */
export function ImagesTable(props: { images: RuntimeImage[] }) {
  if (props.images.length === 0) return <EmptyNote>No images</EmptyNote>;
  return (
    <Table size="small" aria-label="Images">
      <TableHead>
        <TableRow>
          <TableCell>Tags</TableCell>
          <TableCell>Digest</TableCell>
          <TableCell>Pushed</TableCell>
          <TableCell>Risk</TableCell>
          <TableCell align="right">Critical</TableCell>
          <TableCell align="right">High</TableCell>
          <TableCell align="right">Medium</TableCell>
          <TableCell align="right">Low</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.images.map(image => {
          const v = image.vulnerabilities;
          const risk = imageRisk(v);
          const scanned = v?.scanStatus === 'Success';
          return (
            <TableRow key={image.digest}>
              <TableCell>{image.tags.join(', ') || '(untagged)'}</TableCell>
              <TableCell style={{ fontFamily: 'monospace' }}>
                {image.url ? (
                  <Link to={image.url}>{shortRevision(image.digest)}</Link>
                ) : (
                  shortRevision(image.digest)
                )}
              </TableCell>
              <TableCell>
                <When iso={image.pushedAt} />
              </TableCell>
              <TableCell>
                <StatusChip label={risk.label} tone={risk.tone} />
              </TableCell>
              <TableCell align="right">{scanned ? v!.critical : '–'}</TableCell>
              <TableCell align="right">{scanned ? v!.high : '–'}</TableCell>
              <TableCell align="right">{scanned ? v!.medium : '–'}</TableCell>
              <TableCell align="right">{scanned ? v!.low : '–'}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** Argo CD applications of one environment: revision, sync, health and last sync. */
export function DeploymentsTable(props: {
  environment: string;
  deployments: RuntimeDeployment[];
}) {
  if (props.deployments.length === 0) {
    return <EmptyNote>No Argo CD application found</EmptyNote>;
  }
  return (
    <Table size="small" aria-label={`Deployments in ${props.environment}`}>
      <TableHead>
        <TableRow>
          <TableCell>Application</TableCell>
          <TableCell>Revision</TableCell>
          <TableCell>Target</TableCell>
          <TableCell>Sync and health</TableCell>
          <TableCell>Last sync</TableCell>
          <TableCell>Last deployed</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.deployments.map(d => (
          <TableRow key={d.application}>
            <TableCell>
              {d.url ? <Link to={d.url}>{d.application}</Link> : d.application}
            </TableCell>
            <TableCell style={{ fontFamily: 'monospace' }} title={d.revision}>
              {shortRevision(d.revision)}
            </TableCell>
            <TableCell>{d.targetRevision ?? ''}</TableCell>
            <TableCell>
              <DeploymentChips deployment={d} />
            </TableCell>
            <TableCell>
              <LastSyncChip deployment={d} />
              {d.lastSync?.message ? ` ${d.lastSync.message}` : ''}
            </TableCell>
            <TableCell>
              {d.history[0] ? <When iso={d.history[0].deployedAt} /> : '–'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
