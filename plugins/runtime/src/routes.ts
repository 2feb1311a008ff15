import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/core-plugin-api';

export const rootRouteRef = createRouteRef({
  id: 'runtime',
});

/** The approval requests the user may decide or made (`/runtime/approvals`). */
export const approvalsRouteRef = createSubRouteRef({
  id: 'runtime-approvals',
  parent: rootRouteRef,
  path: '/approvals',
});

/** One approval request (`/runtime/approvals/:id`), the link of an approval notification. */
export const approvalRouteRef = createSubRouteRef({
  id: 'runtime-approval',
  parent: rootRouteRef,
  path: '/approvals/:id',
});

/**
 * The scaffolder's page of one template (`/create/templates/:namespace/:templateName`), where a runtime
 * resource's page opens its day-2 templates pre-filled. Bind it to `scaffolderPlugin.routes.selectedTemplate`;
 * unbound, the resource pages show no change buttons.
 */
export const createFromTemplateRouteRef = createExternalRouteRef({
  id: 'runtime-create-from-template',
  optional: true,
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});
