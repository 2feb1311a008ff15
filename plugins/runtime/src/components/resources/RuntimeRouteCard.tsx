import {
  CopyTextButton,
  InfoCard,
  Link,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import { RUNTIME_RESOURCE_DETAIL_ANNOTATIONS as D } from '@runtime-portal/backstage-plugin-runtime-common';
import { RuntimeResourceActions } from './actions/RuntimeResourceActions';
import { METADATA_TABLE_OPTIONS, metadataRows } from './metadataRows';
import { resourceExpiryText } from './resourceExpiry';
import { resourceEnvironment } from './runtimeEntities';

const useStyles = makeStyles(theme => ({
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
  row: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
}));

/** What the page says about the route's certificate, from its readiness and expiry. */
export function certificateText(
  ready: string | undefined,
  expiry: string | undefined,
  now: number = Date.now(),
): string | undefined {
  if (ready === undefined) return undefined;
  const until = expiry ? Date.parse(expiry) : Number.NaN;
  const when = Number.isNaN(until)
    ? ''
    : `${until < now ? 'expired' : 'valid until'} ${new Date(until)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')}`;
  if (ready !== 'true') {
    return `Not ready yet: cert-manager is issuing it${
      when ? ` (${when})` : ''
    }`;
  }
  return `Ready${when ? `, ${when}` : ''}`;
}

/**
 * Card of a route: its public URL (a link, with a copy button), the Service it sends traffic to,
 * and its cert-manager certificate's readiness and expiry, as the Runtime catalog module read them
 * from the ApisixRoute and Certificate at its last refresh; below, Retire.
 */
export function RuntimeRouteCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const annotations = entity.metadata.annotations ?? {};
  const url = annotations[D.routeUrl];
  const backend = annotations[D.routeBackend];
  const environment = resourceEnvironment(entity) ?? 'its environment';
  const expiry = resourceExpiryText(entity);
  return (
    <InfoCard
      title="Route"
      subheader={`Published in ${environment}${
        expiry ? ` · expires ${expiry}` : ''
      }`}
      actions={<RuntimeResourceActions />}
    >
      <StructuredMetadataTable
        metadata={metadataRows([
          [
            'URL',
            url ? (
              <span className={classes.row}>
                <Link to={url} className={classes.mono}>
                  {url}
                </Link>
                <CopyTextButton
                  text={url}
                  tooltipText="URL copied"
                  aria-label="Copy the URL"
                />
              </span>
            ) : (
              'The route names no host'
            ),
          ],
          ['Backend', backend && <code>{backend}</code>],
          [
            'Certificate',
            certificateText(
              annotations[D.routeCertificateReady],
              annotations[D.routeCertificateExpiry],
            ) ?? 'No cert-manager Certificate for this host',
          ],
        ])}
        options={METADATA_TABLE_OPTIONS}
      />
    </InfoCard>
  );
}
