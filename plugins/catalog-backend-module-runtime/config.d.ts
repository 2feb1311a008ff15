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
      };
    };
  };
}
