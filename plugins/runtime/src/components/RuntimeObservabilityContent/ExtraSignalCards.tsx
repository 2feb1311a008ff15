import { Grid } from '@material-ui/core';
import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import { RuntimeExtraSignal } from '@runtime-portal/backstage-plugin-runtime-common';
import { EmptyNote, SignalView } from '../shared';

/**
 * The signals adopters' backend modules added to the report (`extraSignals`), one card each in the
 * order they were added: why not when the signal is not `ok`, else its data as a table. Nothing when
 * there are none.
 */
export function ExtraSignalCards(props: {
  signals?: Record<string, RuntimeExtraSignal>;
}) {
  return (
    <>
      {Object.entries(props.signals ?? {}).map(([id, signal]) => (
        <Grid item xs={12} md={6} key={id}>
          <InfoCard title={signal.title}>
            <SignalView label={signal.title} signal={signal}>
              {data => <ExtraSignalData title={signal.title} data={data} />}
            </SignalView>
          </InfoCard>
        </Grid>
      ))}
    </>
  );
}

/** An object's fields as rows; a single value or a list as one row named by the signal. */
function ExtraSignalData(props: { title: string; data: unknown }) {
  const { title, data } = props;
  if (data === null || (Array.isArray(data) && data.length === 0)) {
    return <EmptyNote>Nothing to show</EmptyNote>;
  }
  const metadata =
    typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : { [title]: data };
  return <StructuredMetadataTable metadata={metadata} />;
}
