export interface Config {
  runtime?: {
    /** What the triggers of `runtime:workflow:create` (Argo Events Sensors) may reach. */
    workflows?: {
      /**
       * Kinds a `k8s` trigger may create or change, as `<group>/<version>/<Kind>` (`v1/<Kind>` for the
       * core group). Namespaced kinds only: they are created in the workflow's namespace, which must be
       * the owner's. Cluster-scoped kinds, Secrets, ServiceAccounts and RBAC kinds are refused at
       * start-up. Default `batch/v1/Job` and `argoproj.io/v1alpha1/Workflow`.
       */
      kubernetesTriggerKinds?: string[];
      /**
       * Argo Events runs no EventSource or Sensor in a namespace without its EventBus. When the
       * workflow's namespace has no EventBus `default`, `runtime:workflow:create` refuses (the platform
       * team creates one), unless this is `true`: then it creates a JetStream EventBus `default` there
       * as part of the run. Default `false`.
       */
      createDefaultEventBus?: boolean;
      /**
       * JetStream version of an EventBus created by `createDefaultEventBus`: one of the versions of
       * the Argo Events controller's `argo-events-controller-config`, e.g. `2.10.29`. Default `latest`.
       */
      defaultEventBusVersion?: string;
      /**
       * URL prefixes an `http` trigger may call besides the in-cluster Services of the owner's
       * namespaces (`http(s)://<service>.<namespace>.svc[.cluster.local][:port]/…`), e.g.
       * `https://hooks.example.com/ci/`. Absolute http(s) URLs without credentials, query or fragment;
       * a URL matches when it has the same origin and its path is the prefix's or below it. Default none.
       */
      httpTriggerAllowList?: string[];
    };
  };
}
