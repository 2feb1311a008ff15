import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:application:create`. */
export const examples: TemplateExample[] = [
  {
    description:
      "Deploy a freshly published repository's deploy/ directory with Argo CD, in the team's project and namespace",
    example: `steps:
  - id: application
    name: Deploy with Argo CD
    action: runtime:application:create
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.name }}
      project: search-team
      repoUrl: \${{ steps.publish.output.remoteUrl }}
      path: deploy
      namespace: team-search
output:
  links:
    - title: Argo CD application
      url: \${{ steps.application.output.url }}
`,
  },
  {
    description: 'Deploy an existing repository from a release branch',
    example: `steps:
  - id: application
    name: Deploy the release branch
    action: runtime:application:create
    input:
      environment: prod
      owner: group:default/search-team
      service: semantic-search
      project: search-team
      repoUrl: https://gitlab.example.com/search-team/semantic-search.git
      path: deploy/prod
      namespace: team-search
      targetRevision: release-1.8
`,
  },
];
