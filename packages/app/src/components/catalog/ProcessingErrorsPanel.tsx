import { stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityProcessingErrorsPanel } from '@backstage/plugin-catalog';
import {
  catalogApiRef,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Box } from '@material-ui/core';
import { useEffect, useState } from 'react';
import {
  EntityErrors,
  entityProcessingErrors,
  hasLightErrorCheck,
} from './processingErrors';

/** The errors of a runtime component or a service, read without their ancestry, as upstream shows them. */
function LightProcessingErrorsPanel() {
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const [{ value, error }, setState] = useState<{
    value?: EntityErrors[];
    error?: Error;
  }>({});
  useEffect(() => {
    let current = true;
    entityProcessingErrors(entity, catalogApi).then(
      found => current && setState({ value: found }),
      (e: Error) => current && setState({ error: e }),
    );
    return () => {
      current = false;
    };
  }, [entity, catalogApi]);
  if (error) {
    return (
      <Box mb={2}>
        <ResponseErrorPanel error={error} />
      </Box>
    );
  }
  const ref = stringifyEntityRef(entity);
  return (
    <>
      {(value ?? []).map(item => (
        <Box
          mb={2}
          key={stringifyEntityRef(item.entity)}
          data-testid="entity-processing-errors"
        >
          {stringifyEntityRef(item.entity) !== ref && (
            <Box p={2}>
              The error below originates from{' '}
              <EntityRefLink entityRef={item.entity} />
            </Box>
          )}
          {item.errors.map((e, i) => (
            <ResponseErrorPanel key={i} error={e} />
          ))}
        </Box>
      ))}
    </>
  );
}

/**
 * The processing-errors panel: for a runtime component or a service the errors read without the
 * catalog's ancestry (see `entityProcessingErrors`), in the upstream panel's look; the upstream
 * `EntityProcessingErrorsPanel` for any other entity.
 */
export function ProcessingErrorsPanel() {
  const { entity } = useEntity();
  return hasLightErrorCheck(entity) ? (
    <LightProcessingErrorsPanel />
  ) : (
    <EntityProcessingErrorsPanel />
  );
}
