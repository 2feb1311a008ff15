import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:inference-endpoint:delete`. */
export const examples: TemplateExample[] = [
  {
    description: "Retire a team's embeddings endpoint (its KubeAI Model)",
    example: `steps:
  - id: retire
    name: Delete the inference endpoint
    action: runtime:inference-endpoint:delete
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      namespace: team-search
      name: bge-small-embeddings
output:
  text:
    - title: Removed
      content: \${{ steps.retire.output.removed | join(', ') }}
`,
  },
  {
    description:
      'Retire an endpoint although the service that used it is still in the catalog',
    example: `steps:
  - id: retire
    name: Delete the inference endpoint
    action: runtime:inference-endpoint:delete
    input:
      environment: production
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      namespace: team-search
      name: reranker
      force: true
`,
  },
];
