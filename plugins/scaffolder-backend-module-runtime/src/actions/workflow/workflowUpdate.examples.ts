import { TemplateExample } from '@backstage/plugin-scaffolder-node';

/** Examples shown in the scaffolder's action list for `runtime:workflow:update`. */
export const examples: TemplateExample[] = [
  {
    description: 'Run a nightly re-index at 03:00 instead of every ten minutes',
    example: `steps:
  - id: reschedule
    name: Change the schedule
    action: runtime:workflow:update
    input:
      environment: dev
      owner: \${{ parameters.owner }}
      service: \${{ parameters.service }}
      name: nightly-reindex
      engine: argo-events
      argoEvents:
        namespace: team-search
      schedule: '0 3 * * *'
`,
  },
  {
    description: "Point a workflow's trigger at another of the team's Services",
    example: `steps:
  - id: retarget
    name: Change the target
    action: runtime:workflow:update
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      name: reindex-on-upload
      engine: argo-events
      argoEvents:
        namespace: team-search
      target:
        type: http
        url: http://semantic-search-indexer.team-search.svc:8080/reindex
`,
  },
  {
    description:
      'Suspend an Argo Events workflow: its EventSource is removed (its spec kept on the Sensor) until it is resumed with suspended: false',
    example: `steps:
  - id: suspend
    name: Suspend the workflow
    action: runtime:workflow:update
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      name: nightly-reindex
      engine: argo-events
      argoEvents:
        namespace: team-search
      suspended: true
`,
  },
  {
    description: "Keep a Temporal namespace's closed executions for 30 days",
    example: `steps:
  - id: retention
    name: Change the retention
    action: runtime:workflow:update
    input:
      environment: dev
      owner: group:default/search-team
      service: semantic-search
      name: semantic-search
      engine: temporal
      temporal:
        retentionDays: 30
        description: Workflows of semantic-search
`,
  },
];
