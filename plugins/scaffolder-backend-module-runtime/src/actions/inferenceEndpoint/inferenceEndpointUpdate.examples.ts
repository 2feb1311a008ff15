import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:inference-endpoint:update`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Let an endpoint scale up to three replicas and wait up to five minutes for the rollout',
    example: `steps:
  - id: scale
    name: Scale the inference endpoint
    action: runtime:inference-endpoint:update
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      namespace: team-assistant
      name: llama-3-1-8b-instruct
      minReplicas: 1
      maxReplicas: 3
      waitTimeoutSeconds: 300
output:
  text:
    - title: Ready replicas
      content: \${{ steps.scale.output.rollout.ready }} of \${{ steps.scale.output.rollout.desired }}
`,
  },
  {
    description: 'Move an embeddings model to a larger CPU profile',
    example: `steps:
  - id: profile
    name: Change the resource profile
    action: runtime:inference-endpoint:update
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      namespace: team-search
      name: bge-small-embeddings
      resourceProfile: cpu:4
`,
  },
];
