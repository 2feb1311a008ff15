import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:route:delete`. */
export const examples: TemplateExample[] = [
  {
    description:
      'Retire a route: its ApisixRoute, ApisixTls, Certificate and DNS record',
    example: `steps:
  - id: retire
    name: Retire the route
    action: runtime:route:delete
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      namespace: team-search
      name: search-api
`,
  },
  {
    description:
      'Retire a route even while catalog entities still depend on it',
    example: `steps:
  - id: retire
    name: Retire the route
    action: runtime:route:delete
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      namespace: team-search
      name: search-preview
      force: true
`,
  },
];
