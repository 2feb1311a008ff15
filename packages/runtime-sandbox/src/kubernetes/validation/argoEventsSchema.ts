/**
 * Argo Events' published JSON schema, transcribed for the sandbox's validation of EventSource,
 * Sensor and EventBus objects.
 *
 * Source: argoproj/argo-events v1.9.11 (commit d13fde07d944c081c25574305911908c80faa98e),
 * `api/jsonschema/schema.json`, `definitions`. Only `type`, `format`, `properties`, `required`,
 * `items`, `additionalProperties` and `$ref` are kept (descriptions dropped), and only the
 * definitions the portal and the seed write: the specs of the three kinds, the webhook, calendar,
 * minio (`S3Artifact`) and resource event sources, the http, k8s and log triggers, dependencies
 * and their filters, the EventSource `service`, JetStream/NATS/Kafka buses, and the Kubernetes
 * `ServicePort` and key selectors. Argo Events definitions are keyed by their short name
 * (`io.argoproj.events.v1alpha1.` dropped); a `$ref` to a definition not transcribed here (other
 * event source and trigger types, most Kubernetes types) is accepted as it is.
 */

/** One node of the JSON schema subset the sandbox checks. */
export interface SchemaNode {
  type?: string | string[];
  format?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
  $ref?: string;
}

/** The transcribed definitions, by name. */
export const ARGO_EVENTS_DEFINITIONS: Record<string, SchemaNode> = {
  Amount: {
    type: 'number',
  },
  ArtifactLocation: {
    properties: {
      configmap: {
        $ref: 'io.k8s.api.core.v1.ConfigMapKeySelector',
      },
      file: {
        $ref: 'FileArtifact',
      },
      git: {
        $ref: 'GitArtifact',
      },
      inline: {
        type: 'string',
      },
      resource: {
        $ref: 'K8SResource',
      },
      s3: {
        $ref: 'S3Artifact',
      },
      url: {
        $ref: 'URLArtifact',
      },
    },
    type: 'object',
  },
  Backoff: {
    properties: {
      duration: {
        $ref: 'Int64OrString',
      },
      factor: {
        $ref: 'Amount',
      },
      jitter: {
        $ref: 'Amount',
      },
      steps: {
        format: 'int32',
        type: 'integer',
      },
    },
    type: 'object',
  },
  BasicAuth: {
    properties: {
      password: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
      username: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
    },
    type: 'object',
  },
  CalendarEventSource: {
    properties: {
      exclusionDates: {
        items: {
          type: 'string',
        },
        type: 'array',
      },
      filter: {
        $ref: 'EventSourceFilter',
      },
      interval: {
        type: 'string',
      },
      metadata: {
        additionalProperties: {
          type: 'string',
        },
        type: 'object',
      },
      persistence: {
        $ref: 'EventPersistence',
      },
      schedule: {
        type: 'string',
      },
      timezone: {
        type: 'string',
      },
    },
    type: 'object',
  },
  CatchupConfiguration: {
    properties: {
      enabled: {
        type: 'boolean',
      },
      maxDuration: {
        type: 'string',
      },
    },
    type: 'object',
  },
  ConditionsResetByTime: {
    properties: {
      cron: {
        type: 'string',
      },
      timezone: {
        type: 'string',
      },
    },
    type: 'object',
  },
  ConditionsResetCriteria: {
    properties: {
      byTime: {
        $ref: 'ConditionsResetByTime',
      },
    },
    type: 'object',
  },
  ConfigMapPersistence: {
    properties: {
      createIfNotExist: {
        type: 'boolean',
      },
      name: {
        type: 'string',
      },
    },
    type: 'object',
  },
  Container: {
    properties: {
      env: {
        items: {
          $ref: 'io.k8s.api.core.v1.EnvVar',
        },
        type: 'array',
      },
      envFrom: {
        items: {
          $ref: 'io.k8s.api.core.v1.EnvFromSource',
        },
        type: 'array',
      },
      imagePullPolicy: {
        type: 'string',
      },
      resources: {
        $ref: 'io.k8s.api.core.v1.ResourceRequirements',
      },
      securityContext: {
        $ref: 'io.k8s.api.core.v1.SecurityContext',
      },
      volumeMounts: {
        items: {
          $ref: 'io.k8s.api.core.v1.VolumeMount',
        },
        type: 'array',
      },
    },
    type: 'object',
  },
  ContainerTemplate: {
    properties: {
      imagePullPolicy: {
        type: 'string',
      },
      resources: {
        $ref: 'io.k8s.api.core.v1.ResourceRequirements',
      },
      securityContext: {
        $ref: 'io.k8s.api.core.v1.SecurityContext',
      },
    },
    type: 'object',
  },
  DataFilter: {
    properties: {
      comparator: {
        type: 'string',
      },
      path: {
        type: 'string',
      },
      template: {
        type: 'string',
      },
      type: {
        type: 'string',
      },
      value: {
        items: {
          type: 'string',
        },
        type: 'array',
      },
    },
    required: ['path', 'type', 'value'],
    type: 'object',
  },
  EventBusSpec: {
    properties: {
      jetstream: {
        $ref: 'JetStreamBus',
      },
      jetstreamExotic: {
        $ref: 'JetStreamConfig',
      },
      kafka: {
        $ref: 'KafkaBus',
      },
      nats: {
        $ref: 'NATSBus',
      },
    },
    type: 'object',
  },
  EventContext: {
    properties: {
      datacontenttype: {
        type: 'string',
      },
      id: {
        type: 'string',
      },
      source: {
        type: 'string',
      },
      specversion: {
        type: 'string',
      },
      subject: {
        type: 'string',
      },
      time: {
        $ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
      },
      type: {
        type: 'string',
      },
    },
    required: [
      'id',
      'source',
      'specversion',
      'type',
      'datacontenttype',
      'subject',
      'time',
    ],
    type: 'object',
  },
  EventDependency: {
    properties: {
      eventName: {
        type: 'string',
      },
      eventSourceName: {
        type: 'string',
      },
      filters: {
        $ref: 'EventDependencyFilter',
      },
      filtersLogicalOperator: {
        type: 'string',
      },
      name: {
        type: 'string',
      },
      transform: {
        $ref: 'EventDependencyTransformer',
      },
    },
    required: ['name', 'eventSourceName', 'eventName'],
    type: 'object',
  },
  EventDependencyFilter: {
    properties: {
      context: {
        $ref: 'EventContext',
      },
      data: {
        items: {
          $ref: 'DataFilter',
        },
        type: 'array',
      },
      dataLogicalOperator: {
        type: 'string',
      },
      exprLogicalOperator: {
        type: 'string',
      },
      exprs: {
        items: {
          $ref: 'ExprFilter',
        },
        type: 'array',
      },
      script: {
        type: 'string',
      },
      time: {
        $ref: 'TimeFilter',
      },
    },
    type: 'object',
  },
  EventDependencyTransformer: {
    properties: {
      jq: {
        type: 'string',
      },
      script: {
        type: 'string',
      },
    },
    type: 'object',
  },
  EventPersistence: {
    properties: {
      catchup: {
        $ref: 'CatchupConfiguration',
      },
      configMap: {
        $ref: 'ConfigMapPersistence',
      },
    },
    type: 'object',
  },
  EventSourceFilter: {
    properties: {
      expression: {
        type: 'string',
      },
    },
    type: 'object',
  },
  EventSourceSpec: {
    properties: {
      amqp: {
        additionalProperties: {
          $ref: 'AMQPEventSource',
        },
        type: 'object',
      },
      azureEventsHub: {
        additionalProperties: {
          $ref: 'AzureEventsHubEventSource',
        },
        type: 'object',
      },
      azureQueueStorage: {
        additionalProperties: {
          $ref: 'AzureQueueStorageEventSource',
        },
        type: 'object',
      },
      azureServiceBus: {
        additionalProperties: {
          $ref: 'AzureServiceBusEventSource',
        },
        type: 'object',
      },
      bitbucket: {
        additionalProperties: {
          $ref: 'BitbucketEventSource',
        },
        type: 'object',
      },
      bitbucketserver: {
        additionalProperties: {
          $ref: 'BitbucketServerEventSource',
        },
        type: 'object',
      },
      calendar: {
        additionalProperties: {
          $ref: 'CalendarEventSource',
        },
        type: 'object',
      },
      emitter: {
        additionalProperties: {
          $ref: 'EmitterEventSource',
        },
        type: 'object',
      },
      eventBusName: {
        type: 'string',
      },
      file: {
        additionalProperties: {
          $ref: 'FileEventSource',
        },
        type: 'object',
      },
      generic: {
        additionalProperties: {
          $ref: 'GenericEventSource',
        },
        type: 'object',
      },
      gerrit: {
        additionalProperties: {
          $ref: 'GerritEventSource',
        },
        type: 'object',
      },
      github: {
        additionalProperties: {
          $ref: 'GithubEventSource',
        },
        type: 'object',
      },
      gitlab: {
        additionalProperties: {
          $ref: 'GitlabEventSource',
        },
        type: 'object',
      },
      hdfs: {
        additionalProperties: {
          $ref: 'HDFSEventSource',
        },
        type: 'object',
      },
      kafka: {
        additionalProperties: {
          $ref: 'KafkaEventSource',
        },
        type: 'object',
      },
      minio: {
        additionalProperties: {
          $ref: 'S3Artifact',
        },
        type: 'object',
      },
      mns: {
        additionalProperties: {
          $ref: 'MNSEventSource',
        },
        type: 'object',
      },
      mqtt: {
        additionalProperties: {
          $ref: 'MQTTEventSource',
        },
        type: 'object',
      },
      nats: {
        additionalProperties: {
          $ref: 'NATSEventsSource',
        },
        type: 'object',
      },
      nsq: {
        additionalProperties: {
          $ref: 'NSQEventSource',
        },
        type: 'object',
      },
      pubSub: {
        additionalProperties: {
          $ref: 'PubSubEventSource',
        },
        type: 'object',
      },
      pulsar: {
        additionalProperties: {
          $ref: 'PulsarEventSource',
        },
        type: 'object',
      },
      redis: {
        additionalProperties: {
          $ref: 'RedisEventSource',
        },
        type: 'object',
      },
      redisStream: {
        additionalProperties: {
          $ref: 'RedisStreamEventSource',
        },
        type: 'object',
      },
      replicas: {
        format: 'int32',
        type: 'integer',
      },
      resource: {
        additionalProperties: {
          $ref: 'ResourceEventSource',
        },
        type: 'object',
      },
      service: {
        $ref: 'Service',
      },
      sftp: {
        additionalProperties: {
          $ref: 'SFTPEventSource',
        },
        type: 'object',
      },
      slack: {
        additionalProperties: {
          $ref: 'SlackEventSource',
        },
        type: 'object',
      },
      sns: {
        additionalProperties: {
          $ref: 'SNSEventSource',
        },
        type: 'object',
      },
      sqs: {
        additionalProperties: {
          $ref: 'SQSEventSource',
        },
        type: 'object',
      },
      storageGrid: {
        additionalProperties: {
          $ref: 'StorageGridEventSource',
        },
        type: 'object',
      },
      stripe: {
        additionalProperties: {
          $ref: 'StripeEventSource',
        },
        type: 'object',
      },
      template: {
        $ref: 'Template',
      },
      webhook: {
        additionalProperties: {
          $ref: 'WebhookEventSource',
        },
        type: 'object',
      },
    },
    type: 'object',
  },
  ExprFilter: {
    properties: {
      expr: {
        type: 'string',
      },
      fields: {
        items: {
          $ref: 'PayloadField',
        },
        type: 'array',
      },
    },
    required: ['expr', 'fields'],
    type: 'object',
  },
  HTTPTrigger: {
    properties: {
      basicAuth: {
        $ref: 'BasicAuth',
      },
      dynamicHeaders: {
        items: {
          $ref: 'TriggerParameter',
        },
        type: 'array',
      },
      headers: {
        additionalProperties: {
          type: 'string',
        },
        type: 'object',
      },
      host: {
        type: 'string',
      },
      method: {
        type: 'string',
      },
      parameters: {
        items: {
          $ref: 'TriggerParameter',
        },
        type: 'array',
      },
      payload: {
        items: {
          $ref: 'TriggerParameter',
        },
        type: 'array',
      },
      secureHeaders: {
        items: {
          $ref: 'SecureHeader',
        },
        type: 'array',
      },
      timeout: {
        format: 'int64',
        type: 'integer',
      },
      tls: {
        $ref: 'TLSConfig',
      },
      url: {
        type: 'string',
      },
    },
    required: ['url', 'payload'],
    type: 'object',
  },
  Int64OrString: {
    format: 'int64-or-string',
    type: ['integer', 'string'],
  },
  JetStreamBus: {
    properties: {
      affinity: {
        $ref: 'io.k8s.api.core.v1.Affinity',
      },
      containerTemplate: {
        $ref: 'ContainerTemplate',
      },
      imagePullSecrets: {
        items: {
          $ref: 'io.k8s.api.core.v1.LocalObjectReference',
        },
        type: 'array',
      },
      maxPayload: {
        type: 'string',
      },
      metadata: {
        $ref: 'Metadata',
      },
      metricsContainerTemplate: {
        $ref: 'ContainerTemplate',
      },
      nodeSelector: {
        additionalProperties: {
          type: 'string',
        },
        type: 'object',
      },
      persistence: {
        $ref: 'PersistenceStrategy',
      },
      priority: {
        format: 'int32',
        type: 'integer',
      },
      priorityClassName: {
        type: 'string',
      },
      reloaderContainerTemplate: {
        $ref: 'ContainerTemplate',
      },
      replicas: {
        format: 'int32',
        type: 'integer',
      },
      securityContext: {
        $ref: 'io.k8s.api.core.v1.PodSecurityContext',
      },
      serviceAccountName: {
        type: 'string',
      },
      settings: {
        type: 'string',
      },
      startArgs: {
        items: {
          type: 'string',
        },
        type: 'array',
      },
      streamConfig: {
        type: 'string',
      },
      tolerations: {
        items: {
          $ref: 'io.k8s.api.core.v1.Toleration',
        },
        type: 'array',
      },
      version: {
        type: 'string',
      },
    },
    type: 'object',
  },
  JetStreamConfig: {
    properties: {
      accessSecret: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
      streamConfig: {
        type: 'string',
      },
      tls: {
        $ref: 'TLSConfig',
      },
      url: {
        type: 'string',
      },
    },
    type: 'object',
  },
  K8SResource: {
    type: 'object',
  },
  K8SResourcePolicy: {
    properties: {
      backoff: {
        $ref: 'Backoff',
      },
      errorOnBackoffTimeout: {
        type: 'boolean',
      },
      labels: {
        additionalProperties: {
          type: 'string',
        },
        type: 'object',
      },
    },
    required: ['backoff', 'errorOnBackoffTimeout'],
    type: 'object',
  },
  KafkaBus: {
    properties: {
      consumerGroup: {
        $ref: 'KafkaConsumerGroup',
      },
      partitioner: {
        type: 'string',
      },
      sasl: {
        $ref: 'SASLConfig',
      },
      tls: {
        $ref: 'TLSConfig',
      },
      topic: {
        type: 'string',
      },
      url: {
        type: 'string',
      },
      version: {
        type: 'string',
      },
    },
    type: 'object',
  },
  KafkaConsumerGroup: {
    properties: {
      groupName: {
        type: 'string',
      },
      oldest: {
        type: 'boolean',
      },
      rebalanceStrategy: {
        type: 'string',
      },
    },
    required: ['groupName'],
    type: 'object',
  },
  LogTrigger: {
    properties: {
      intervalSeconds: {
        format: 'int64',
        type: 'integer',
      },
    },
    type: 'object',
  },
  Metadata: {
    properties: {
      annotations: {
        additionalProperties: {
          type: 'string',
        },
        type: 'object',
      },
      labels: {
        additionalProperties: {
          type: 'string',
        },
        type: 'object',
      },
    },
    type: 'object',
  },
  NATSBus: {
    properties: {
      exotic: {
        $ref: 'NATSConfig',
      },
      native: {
        $ref: 'NativeStrategy',
      },
    },
    type: 'object',
  },
  NATSConfig: {
    properties: {
      accessSecret: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
      auth: {
        type: 'string',
      },
      clusterID: {
        type: 'string',
      },
      url: {
        type: 'string',
      },
    },
    type: 'object',
  },
  NativeStrategy: {
    properties: {
      affinity: {
        $ref: 'io.k8s.api.core.v1.Affinity',
      },
      auth: {
        type: 'string',
      },
      containerTemplate: {
        $ref: 'ContainerTemplate',
      },
      imagePullSecrets: {
        items: {
          $ref: 'io.k8s.api.core.v1.LocalObjectReference',
        },
        type: 'array',
      },
      maxAge: {
        type: 'string',
      },
      maxBytes: {
        type: 'string',
      },
      maxMsgs: {
        format: 'int64',
        type: 'integer',
      },
      maxPayload: {
        type: 'string',
      },
      maxSubs: {
        format: 'int64',
        type: 'integer',
      },
      metadata: {
        $ref: 'Metadata',
      },
      metricsContainerTemplate: {
        $ref: 'ContainerTemplate',
      },
      nodeSelector: {
        additionalProperties: {
          type: 'string',
        },
        type: 'object',
      },
      persistence: {
        $ref: 'PersistenceStrategy',
      },
      priority: {
        format: 'int32',
        type: 'integer',
      },
      priorityClassName: {
        type: 'string',
      },
      raftCommitTimeout: {
        type: 'string',
      },
      raftElectionTimeout: {
        type: 'string',
      },
      raftHeartbeatTimeout: {
        type: 'string',
      },
      raftLeaseTimeout: {
        type: 'string',
      },
      replicas: {
        format: 'int32',
        type: 'integer',
      },
      securityContext: {
        $ref: 'io.k8s.api.core.v1.PodSecurityContext',
      },
      serviceAccountName: {
        type: 'string',
      },
      tolerations: {
        items: {
          $ref: 'io.k8s.api.core.v1.Toleration',
        },
        type: 'array',
      },
    },
    type: 'object',
  },
  PayloadField: {
    properties: {
      name: {
        type: 'string',
      },
      path: {
        type: 'string',
      },
    },
    required: ['path', 'name'],
    type: 'object',
  },
  PersistenceStrategy: {
    properties: {
      accessMode: {
        type: 'string',
      },
      storageClassName: {
        type: 'string',
      },
      volumeSize: {
        $ref: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
      },
    },
    type: 'object',
  },
  RateLimit: {
    properties: {
      requestsPerUnit: {
        format: 'int32',
        type: 'integer',
      },
      unit: {
        type: 'string',
      },
    },
    type: 'object',
  },
  ResourceEventSource: {
    properties: {
      eventTypes: {
        items: {
          type: 'string',
        },
        type: 'array',
      },
      filter: {
        $ref: 'ResourceFilter',
      },
      group: {
        type: 'string',
      },
      metadata: {
        additionalProperties: {
          type: 'string',
        },
        type: 'object',
      },
      namespace: {
        type: 'string',
      },
      resource: {
        type: 'string',
      },
      version: {
        type: 'string',
      },
    },
    required: ['namespace', 'group', 'version', 'resource', 'eventTypes'],
    type: 'object',
  },
  ResourceFilter: {
    properties: {
      afterStart: {
        type: 'boolean',
      },
      createdBy: {
        $ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
      },
      fields: {
        items: {
          $ref: 'Selector',
        },
        type: 'array',
      },
      labels: {
        items: {
          $ref: 'Selector',
        },
        type: 'array',
      },
      prefix: {
        type: 'string',
      },
    },
    type: 'object',
  },
  S3Artifact: {
    properties: {
      accessKey: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
      bucket: {
        $ref: 'S3Bucket',
      },
      caCertificate: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
      endpoint: {
        type: 'string',
      },
      events: {
        items: {
          type: 'string',
        },
        type: 'array',
      },
      filter: {
        $ref: 'S3Filter',
      },
      insecure: {
        type: 'boolean',
      },
      metadata: {
        additionalProperties: {
          type: 'string',
        },
        type: 'object',
      },
      region: {
        type: 'string',
      },
      secretKey: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
    },
    required: ['endpoint', 'bucket', 'accessKey', 'secretKey'],
    type: 'object',
  },
  S3Bucket: {
    properties: {
      key: {
        type: 'string',
      },
      name: {
        type: 'string',
      },
    },
    required: ['name'],
    type: 'object',
  },
  S3Filter: {
    properties: {
      prefix: {
        type: 'string',
      },
      suffix: {
        type: 'string',
      },
    },
    required: ['prefix', 'suffix'],
    type: 'object',
  },
  SASLConfig: {
    properties: {
      mechanism: {
        type: 'string',
      },
      passwordSecret: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
      userSecret: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
    },
    type: 'object',
  },
  SecureHeader: {
    properties: {
      name: {
        type: 'string',
      },
      valueFrom: {
        $ref: 'ValueFromSource',
      },
    },
    type: 'object',
  },
  Selector: {
    properties: {
      key: {
        type: 'string',
      },
      operation: {
        type: 'string',
      },
      value: {
        type: 'string',
      },
    },
    required: ['key', 'value'],
    type: 'object',
  },
  SensorSpec: {
    properties: {
      dependencies: {
        items: {
          $ref: 'EventDependency',
        },
        type: 'array',
      },
      errorOnFailedRound: {
        type: 'boolean',
      },
      eventBusName: {
        type: 'string',
      },
      loggingFields: {
        additionalProperties: {
          type: 'string',
        },
        type: 'object',
      },
      replicas: {
        format: 'int32',
        type: 'integer',
      },
      revisionHistoryLimit: {
        format: 'int32',
        type: 'integer',
      },
      template: {
        $ref: 'Template',
      },
      triggers: {
        items: {
          $ref: 'Trigger',
        },
        type: 'array',
      },
    },
    required: ['dependencies', 'triggers'],
    type: 'object',
  },
  Service: {
    properties: {
      clusterIP: {
        type: 'string',
      },
      metadata: {
        $ref: 'Metadata',
      },
      ports: {
        items: {
          $ref: 'io.k8s.api.core.v1.ServicePort',
        },
        type: 'array',
      },
    },
    type: 'object',
  },
  StandardK8STrigger: {
    properties: {
      liveObject: {
        type: 'boolean',
      },
      operation: {
        type: 'string',
      },
      parameters: {
        items: {
          $ref: 'TriggerParameter',
        },
        type: 'array',
      },
      patchStrategy: {
        type: 'string',
      },
      source: {
        $ref: 'ArtifactLocation',
      },
    },
    type: 'object',
  },
  StatusPolicy: {
    properties: {
      allow: {
        items: {
          format: 'int32',
          type: 'integer',
        },
        type: 'array',
      },
    },
    required: ['allow'],
    type: 'object',
  },
  TLSConfig: {
    properties: {
      caCertSecret: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
      clientCertSecret: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
      clientKeySecret: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
      enabled: {
        type: 'boolean',
      },
      insecureSkipVerify: {
        type: 'boolean',
      },
    },
    type: 'object',
  },
  Template: {
    properties: {
      affinity: {
        $ref: 'io.k8s.api.core.v1.Affinity',
      },
      container: {
        $ref: 'Container',
      },
      imagePullSecrets: {
        items: {
          $ref: 'io.k8s.api.core.v1.LocalObjectReference',
        },
        type: 'array',
      },
      metadata: {
        $ref: 'Metadata',
      },
      nodeSelector: {
        additionalProperties: {
          type: 'string',
        },
        type: 'object',
      },
      priority: {
        format: 'int32',
        type: 'integer',
      },
      priorityClassName: {
        type: 'string',
      },
      securityContext: {
        $ref: 'io.k8s.api.core.v1.PodSecurityContext',
      },
      serviceAccountName: {
        type: 'string',
      },
      tolerations: {
        items: {
          $ref: 'io.k8s.api.core.v1.Toleration',
        },
        type: 'array',
      },
      volumes: {
        items: {
          $ref: 'io.k8s.api.core.v1.Volume',
        },
        type: 'array',
      },
    },
    type: 'object',
  },
  TimeFilter: {
    properties: {
      start: {
        type: 'string',
      },
      stop: {
        type: 'string',
      },
      timezone: {
        type: 'string',
      },
    },
    required: ['start', 'stop'],
    type: 'object',
  },
  Trigger: {
    properties: {
      atLeastOnce: {
        type: 'boolean',
      },
      dlqTrigger: {
        $ref: 'Trigger',
      },
      parameters: {
        items: {
          $ref: 'TriggerParameter',
        },
        type: 'array',
      },
      policy: {
        $ref: 'TriggerPolicy',
      },
      rateLimit: {
        $ref: 'RateLimit',
      },
      retryStrategy: {
        $ref: 'Backoff',
      },
      template: {
        $ref: 'TriggerTemplate',
      },
    },
    type: 'object',
  },
  TriggerParameter: {
    properties: {
      dest: {
        type: 'string',
      },
      operation: {
        type: 'string',
      },
      src: {
        $ref: 'TriggerParameterSource',
      },
    },
    required: ['dest'],
    type: 'object',
  },
  TriggerParameterSource: {
    properties: {
      contextKey: {
        type: 'string',
      },
      contextTemplate: {
        type: 'string',
      },
      dataKey: {
        type: 'string',
      },
      dataTemplate: {
        type: 'string',
      },
      dependencyName: {
        type: 'string',
      },
      useRawData: {
        type: 'boolean',
      },
      value: {
        type: 'string',
      },
    },
    required: ['dependencyName'],
    type: 'object',
  },
  TriggerPolicy: {
    properties: {
      k8s: {
        $ref: 'K8SResourcePolicy',
      },
      status: {
        $ref: 'StatusPolicy',
      },
    },
    type: 'object',
  },
  TriggerTemplate: {
    properties: {
      argoWorkflow: {
        $ref: 'ArgoWorkflowTrigger',
      },
      awsLambda: {
        $ref: 'AWSLambdaTrigger',
      },
      azureEventHubs: {
        $ref: 'AzureEventHubsTrigger',
      },
      azureServiceBus: {
        $ref: 'AzureServiceBusTrigger',
      },
      conditions: {
        type: 'string',
      },
      conditionsReset: {
        items: {
          $ref: 'ConditionsResetCriteria',
        },
        type: 'array',
      },
      custom: {
        $ref: 'CustomTrigger',
      },
      email: {
        $ref: 'EmailTrigger',
      },
      http: {
        $ref: 'HTTPTrigger',
      },
      k8s: {
        $ref: 'StandardK8STrigger',
      },
      kafka: {
        $ref: 'KafkaTrigger',
      },
      log: {
        $ref: 'LogTrigger',
      },
      name: {
        type: 'string',
      },
      nats: {
        $ref: 'NATSTrigger',
      },
      openWhisk: {
        $ref: 'OpenWhiskTrigger',
      },
      pulsar: {
        $ref: 'PulsarTrigger',
      },
      slack: {
        $ref: 'SlackTrigger',
      },
    },
    required: ['name'],
    type: 'object',
  },
  ValueFromSource: {
    properties: {
      configMapKeyRef: {
        $ref: 'io.k8s.api.core.v1.ConfigMapKeySelector',
      },
      secretKeyRef: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
    },
    type: 'object',
  },
  WebhookEventSource: {
    properties: {
      authSecret: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
      endpoint: {
        type: 'string',
      },
      filter: {
        $ref: 'EventSourceFilter',
      },
      maxPayloadSize: {
        format: 'int64',
        type: 'integer',
      },
      metadata: {
        additionalProperties: {
          type: 'string',
        },
        type: 'object',
      },
      method: {
        type: 'string',
      },
      port: {
        type: 'string',
      },
      serverCertSecret: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
      serverKeySecret: {
        $ref: 'io.k8s.api.core.v1.SecretKeySelector',
      },
      url: {
        type: 'string',
      },
    },
    required: ['endpoint', 'method', 'port', 'url'],
    type: 'object',
  },
  'io.k8s.api.core.v1.ConfigMapKeySelector': {
    properties: {
      key: {
        type: 'string',
      },
      name: {
        type: 'string',
      },
      optional: {
        type: 'boolean',
      },
    },
    required: ['key'],
    type: 'object',
  },
  'io.k8s.api.core.v1.LocalObjectReference': {
    properties: {
      name: {
        type: 'string',
      },
    },
    type: 'object',
  },
  'io.k8s.api.core.v1.SecretKeySelector': {
    properties: {
      key: {
        type: 'string',
      },
      name: {
        type: 'string',
      },
      optional: {
        type: 'boolean',
      },
    },
    required: ['key'],
    type: 'object',
  },
  'io.k8s.api.core.v1.ServicePort': {
    properties: {
      appProtocol: {
        type: 'string',
      },
      name: {
        type: 'string',
      },
      nodePort: {
        format: 'int32',
        type: 'integer',
      },
      port: {
        format: 'int32',
        type: 'integer',
      },
      protocol: {
        type: 'string',
      },
      targetPort: {
        $ref: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
      },
    },
    required: ['port'],
    type: 'object',
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': {
    format: 'date-time',
    type: 'string',
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    format: 'int-or-string',
    type: ['integer', 'string'],
  },
};
