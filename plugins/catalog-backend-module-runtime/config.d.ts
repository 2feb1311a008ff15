import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** Runtime Portal's catalog module. */
      runtime?: {
        /**
         * The group that owns the Runtime's Domain, Systems, Components and APIs, e.g.
         * `group:default/platform-team`. Default `group:default/platform-team`.
         */
        platformOwner?: string;
        /**
         * The group that owns live resources without a valid owner label, tag or metadata (they are
         * ingested with a `runtime-portal.io/owner-problem` annotation). Default: `platformOwner`.
         */
        ownerFallback?: string;
        /**
         * Prefix of live resource entity names. Read only when `runtime.resourceNamePrefix` is not set.
         * @deprecated Use `runtime.resourceNamePrefix`, which the scaffolder module reads too.
         */
        namePrefix?: string;
        /** How often the Runtime is read. Default: every 5 minutes, 3 minutes timeout. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Names of the `runtime.environments` to ingest. Default: all. */
        environments?: string[];
        /**
         * The live resource types to ingest: `inference-endpoint`, `secret`, `bucket`, `workflow`,
         * `database`, `route`.
         * Default: all.
         */
        kinds?: string[];
      };
    };
  };
}
