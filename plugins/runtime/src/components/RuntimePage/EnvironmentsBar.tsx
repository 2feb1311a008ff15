import { Progress, WarningPanel } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import { RuntimeEnvironmentSummary, RuntimeHealth } from '../../api';

const UPSTREAM_TITLES: Record<string, string> = {
  kubernetes: 'Kubernetes',
  openbao: 'OpenBao',
  objectStorage: 'Object storage',
  temporal: 'Temporal',
  prometheus: 'Prometheus',
  alertmanager: 'Alertmanager',
  loki: 'Loki',
  tempo: 'Tempo',
  grafana: 'Grafana',
  argocd: 'Argo CD',
  postgres: 'PostgreSQL',
};

/** An upstream's name for people; an unknown one keeps its config key. */
const titleOf = (upstream: string) => UPSTREAM_TITLES[upstream] ?? upstream;

const Environment = ({ env }: { env: RuntimeEnvironmentSummary }) => (
  <div>
    <Typography variant="subtitle2" component="span">
      {env.title}:{' '}
    </Typography>
    {env.upstreams.map(u => (
      <Chip
        key={u.upstream}
        size="small"
        icon={
          u.status === 'ok' ? <CheckCircleIcon /> : <ErrorIcon color="error" />
        }
        label={
          u.status === 'ok'
            ? titleOf(u.upstream)
            : `${titleOf(u.upstream)}: ${u.reason ?? 'down'}`
        }
      />
    ))}
  </div>
);

/** The configured Runtime environments and the state of their upstreams, from the runtime backend. */
export const EnvironmentsBar = (props: {
  value?: RuntimeHealth;
  loading: boolean;
  error?: Error;
}) => {
  const { value, loading, error } = props;

  if (loading) return <Progress />;
  if (error) {
    return (
      <WarningPanel
        title="The runtime backend did not answer"
        message={error.message}
      />
    );
  }
  if (!value?.environments.length) {
    return (
      <Typography variant="body2">
        No Runtime environment is configured: add one under{' '}
        <code>runtime.environments</code> in app-config.
      </Typography>
    );
  }
  return (
    <div>
      {value.environments.map(env => (
        <Environment key={env.name} env={env} />
      ))}
    </div>
  );
};
