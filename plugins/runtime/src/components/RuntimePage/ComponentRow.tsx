import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import DescriptionIcon from '@material-ui/icons/Description';
import DashboardIcon from '@material-ui/icons/Dashboard';
import { RuntimeComponentsHealth } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeEnvironmentSummary } from '../../api';
import { InstallationChip, installationStatus } from '../resources';
import { readableTextColor } from '../shared/readableChipColors';
import { RuntimeMapComponent } from './runtimeMap';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:last-child': { borderBottom: 'none' },
  },
  head: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  title: { fontWeight: theme.typography.fontWeightBold as number },
  docs: { display: 'inline-flex', alignItems: 'center', gap: 2 },
  statuses: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
  status: { display: 'inline-flex', alignItems: 'center', gap: 4 },
  // Error text that keeps WCAG AA contrast on the card (`color="error"` does not on white).
  notAnswering: {
    color: readableTextColor(
      theme.palette.error,
      theme.palette.background.paper,
    ),
  },
}));

const resourcesLabel = (count: number) =>
  count === 1 ? '1 live resource' : `${count} live resources`;

/** One runtime component on the Runtime page: its links, hosted resources and status per environment. */
export function ComponentRow(props: {
  component: RuntimeMapComponent;
  environments?: RuntimeEnvironmentSummary[];
  componentsHealth?: RuntimeComponentsHealth;
}) {
  const { component, environments, componentsHealth } = props;
  const healthOf = (environment: string) =>
    componentsHealth?.environments.find(e => e.environment === environment);
  const dashboards = (componentsHealth?.environments ?? []).flatMap(
    e => e.dashboards.data?.filter(d => d.component === component.id) ?? [],
  );
  const classes = useStyles();
  const { entity } = component;
  return (
    <div
      className={classes.root}
      data-testid={`runtime-component-${component.id}`}
    >
      <div className={classes.head}>
        {entity ? (
          <EntityRefLink
            entityRef={entity}
            title={component.title}
            className={classes.title}
          />
        ) : (
          <Typography component="span" className={classes.title}>
            {component.title}
          </Typography>
        )}
        {component.docsUrl && (
          <Link
            to={component.docsUrl}
            className={classes.docs}
            aria-label={`${component.title} docs`}
          >
            <DescriptionIcon fontSize="inherit" /> Docs
          </Link>
        )}
        {dashboards.map(d => (
          <Link
            key={d.url}
            to={d.url}
            className={classes.docs}
            aria-label={`${component.title} dashboard ${d.title}`}
          >
            <DashboardIcon fontSize="inherit" /> Dashboard
          </Link>
        ))}
        {entity && (
          <Typography variant="caption" color="textSecondary">
            {resourcesLabel(component.resourceCount)}
          </Typography>
        )}
      </div>
      <Typography variant="body2" color="textSecondary">
        {component.description}
      </Typography>
      {entity && environments && environments.length > 0 && (
        <div className={classes.statuses}>
          {environments.map(env => {
            const status = installationStatus(entity, env.name);
            const scrapes = healthOf(env.name)?.targets.data?.find(
              t => t.component === component.id,
            );
            const facts = [
              status.version,
              status.replicas && `${status.replicas} ready`,
              scrapes && `${scrapes.up}/${scrapes.targets} up`,
            ].filter(Boolean);
            const notAnswering =
              scrapes !== undefined && scrapes.up < scrapes.targets;
            return (
              <span key={env.name} className={classes.status}>
                <InstallationChip status={status} prefix={env.title} />
                {facts.length > 0 && (
                  <Typography
                    variant="caption"
                    className={notAnswering ? classes.notAnswering : undefined}
                    title={
                      notAnswering
                        ? 'Some of its scrape targets do not answer (Prometheus up)'
                        : undefined
                    }
                  >
                    {facts.join(' · ')}
                  </Typography>
                )}
              </span>
            );
          })}
        </div>
      )}
      {!entity && (
        <Typography variant="caption" color="textSecondary">
          Not in the catalog yet.
        </Typography>
      )}
    </div>
  );
}
