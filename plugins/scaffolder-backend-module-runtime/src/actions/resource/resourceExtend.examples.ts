import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:resource:extend`. */
export const examples: TemplateExample[] = [
  {
    description: 'Keep a bucket for another 30 days from now',
    example: `steps:
  - id: extend
    name: Extend the bucket
    action: runtime:resource:extend
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      type: bucket
      name: semantic-search-data
      expiresAfter: 30d
output:
  text:
    - title: Expires at
      content: \${{ steps.extend.output.expiresAt }}
`,
  },
  {
    description: 'Keep an inference endpoint for good (remove its expiry)',
    example: `steps:
  - id: extend
    name: Remove the endpoint's expiry
    action: runtime:resource:extend
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      type: inference-endpoint
      namespace: team-search
      name: bge-small-embeddings
      expiresAfter: never
`,
  },
  {
    description: 'Extend a Temporal workflow namespace by 7 days',
    example: `steps:
  - id: extend
    name: Extend the workflow
    action: runtime:resource:extend
    input:
      environment: dev
      owner: group:default/assistant-team
      service: support-assistant
      type: workflow
      engine: temporal
      name: support-assistant
      expiresAfter: 7d
`,
  },
  {
    description:
      'Keep a database for another 90 days (its claims and its login role are updated)',
    example: `steps:
  - id: extend
    name: Extend the database
    action: runtime:resource:extend
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      type: database
      name: semantic_search
      expiresAfter: 90d
output:
  text:
    - title: Changed
      content: \${{ steps.extend.output.changed | join('; ') }}
`,
  },
  {
    description:
      'Keep a route for another 24 hours (its ApisixRoute, ApisixTls, DNSEndpoint and Certificate)',
    example: `steps:
  - id: extend
    name: Extend the route
    action: runtime:resource:extend
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      type: route
      namespace: team-search
      name: search-api
      expiresAfter: 24h
`,
  },
];
