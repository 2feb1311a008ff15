import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:route:expose`. */
export const examples: TemplateExample[] = [
  {
    description:
      "Expose a service's HTTP port at a host under the environment's default domain",
    example: `steps:
  - id: route
    name: Expose the service
    action: runtime:route:expose
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      namespace: team-search
      name: search-api
      host: search-api
      servicePort: 8080
output:
  links:
    - title: Open the service
      url: \${{ steps.route.output.url }}
`,
  },
  {
    description:
      'Expose another Service of the team at a full host, for a week (the route is then retired)',
    example: `steps:
  - id: route
    name: Expose the preview
    action: runtime:route:expose
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      namespace: team-search
      name: search-preview
      host: search-preview.apps.dev.example.com
      serviceName: semantic-search-preview
      servicePort: 80
      expiresAfter: 7d
`,
  },
];
