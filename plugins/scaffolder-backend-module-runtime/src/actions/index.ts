import { TemplateAction } from '@backstage/plugin-scaffolder-node';

/**
 * The provisioning actions of the module. The inference endpoint, secret, bucket and workflow actions
 * are added here as they are built (see the README's roadmap); until then the module registers none.
 */
export function runtimeActions(): TemplateAction<any, any, any>[] {
  return [];
}
