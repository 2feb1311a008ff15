import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';

/** The link to a tab of the current entity's page, e.g. `/catalog/default/component/x/observability`. */
export function useEntityTabLink(tabPath: string): string {
  const { entity } = useEntity();
  const entityLink = useRouteRef(entityRouteRef);
  const base = entityLink(entityRouteParams(entity, { encodeParams: true }));
  return `${base.replace(/\/+$/, '')}/${tabPath.replace(/^\/+/, '')}`;
}
