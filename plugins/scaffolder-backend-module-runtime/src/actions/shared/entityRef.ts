import {
  RuntimeResourceType,
  runtimeResourceEntityName,
} from '@runtime-portal/backstage-plugin-runtime-common';

/**
 * The ref of the catalog Resource the Runtime catalog module makes for a live resource
 * (`resource:default/<name>`), named with the same function so the two always agree.
 */
export function runtimeResourceEntityRef(parts: {
  prefix?: string;
  environment: string;
  type: RuntimeResourceType;
  scope?: string;
  name: string;
}): string {
  return `resource:default/${runtimeResourceEntityName(parts)}`;
}
