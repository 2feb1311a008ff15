import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:workflow:delete`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Retire an Argo Events workflow (its EventSource and Sensor, and the EventBus the portal made for it if nothing else uses it)',
    example: `steps:
  - id: retire
    name: Delete the workflow
    action: runtime:workflow:delete
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      name: reindex-on-upload
      engine: argo-events
      argoEvents:
        namespace: team-search
output:
  text:
    - title: Removed
      content: \${{ steps.retire.output.removed | join(', ') }}
`,
  },
  {
    description:
      "Retire a service's Temporal namespace although the service is still in the catalog",
    example: `steps:
  - id: retire
    name: Delete the Temporal namespace
    action: runtime:workflow:delete
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      name: semantic-search
      engine: temporal
      force: true
`,
  },
];
