import { Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { runtimeApiRef } from '../../api';

/** The configured Runtime environments, from the runtime backend. */
export const EnvironmentsBar = () => {
  const runtimeApi = useApi(runtimeApiRef);
  const { value, loading, error } = useAsync(
    () => runtimeApi.getHealth(),
    [runtimeApi],
  );

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
        <Chip
          key={env.name}
          label={`${env.title}: ${env.upstreams.join(', ')}`}
        />
      ))}
    </div>
  );
};
