import { Typography } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { RuntimePipeline } from '@runtime-portal/backstage-plugin-runtime-common';

/** GitLab's `failure_reason` as words: `script_failure` reads "script failure". */
function reasonText(reason: string): string {
  return reason.replace(/_/g, ' ');
}

/**
 * The jobs that failed a pipeline, each linked to its page (and log) in GitLab, with its stage and
 * why it failed; or why they are not known. Nothing for a pipeline that names neither.
 */
export function FailedJobs(props: { pipeline: RuntimePipeline }) {
  const { failedJobs, failedJobsMessage } = props.pipeline;
  if (failedJobsMessage) {
    return (
      <Typography variant="caption" color="textSecondary" component="p">
        {failedJobsMessage}
      </Typography>
    );
  }
  if (!failedJobs?.length) return null;
  return (
    <ul aria-label="Failed jobs" style={{ margin: '4px 0 0', paddingLeft: 20 }}>
      {failedJobs.map(job => (
        <li key={job.id}>
          <Typography variant="body2" component="span">
            <Link to={job.webUrl}>{job.name}</Link> in {job.stage}
            {job.failureReason && `: ${reasonText(job.failureReason)}`}
          </Typography>
        </li>
      ))}
    </ul>
  );
}
