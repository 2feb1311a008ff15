import { RuntimeSignal } from './signal';

/**
 * An Argo CD application of the entity in one environment.
 *
 * @public
 */
export interface RuntimeDeployment {
  application: string;
  /** `Synced`, `OutOfSync` or `Unknown`. */
  syncStatus: string;
  /** `Healthy`, `Progressing`, `Degraded`, `Suspended`, `Missing` or `Unknown`. */
  healthStatus: string;
  /** The revision (commit) the application is synced to. */
  revision?: string;
  /** The target revision (branch or tag) it follows. */
  targetRevision?: string;
  /** The last sync operation: `Succeeded`, `Failed`, `Error`, `Running` or `Terminating`. */
  lastSync?: { phase: string; finishedAt?: string; message?: string };
  /** Earlier deployments, newest first. */
  history: Array<{ id: number; revision: string; deployedAt: string }>;
  /** Link to the application in Argo CD's UI. */
  url?: string;
}

/**
 * A failed job of a GitLab pipeline.
 *
 * @public
 */
export interface RuntimePipelineJob {
  id: number;
  name: string;
  stage: string;
  /** GitLab's `failure_reason`: `script_failure`, `stuck_or_timeout_failure`, ... */
  failureReason?: string;
  /** Link to the job (and its log) in GitLab. */
  webUrl: string;
}

/**
 * A GitLab pipeline of the entity's project.
 *
 * @public
 */
export interface RuntimePipeline {
  id: number;
  ref: string;
  sha: string;
  /** GitLab's status: `success`, `failed`, `running`, `pending`, `canceled`, ... */
  status: string;
  createdAt: string;
  durationSeconds?: number;
  author?: string;
  webUrl: string;
  /**
   * The jobs that failed it (failures allowed by `allow_failure` left out), newest first: only on the
   * latest pipeline of the default branch when it failed, and only when GitLab answered for them.
   */
  failedJobs?: RuntimePipelineJob[];
  /** Why the failed jobs of a failed latest pipeline are missing (GitLab did not answer for them). */
  failedJobsMessage?: string;
}

/**
 * Vulnerability counts of an image by severity, from Harbor's scan overview.
 *
 * @public
 */
export interface RuntimeVulnerabilitySummary {
  /** `Success`, `Running`, `Error`, `Pending` or `Not Scanned`. */
  scanStatus: string;
  /** The highest severity found: `Critical`, `High`, `Medium`, `Low`, `None` or `Unknown`. */
  severity: string;
  critical: number;
  high: number;
  medium: number;
  low: number;
  total: number;
}

/**
 * An image (Harbor artifact) of the entity's repository.
 *
 * @public
 */
export interface RuntimeImage {
  digest: string;
  tags: string[];
  pushedAt: string;
  vulnerabilities?: RuntimeVulnerabilitySummary;
  url?: string;
}

/**
 * The answer of `GET /api/runtime/entity/:kind/:namespace/:name/delivery`.
 *
 * @public
 */
export interface RuntimeDeliveryReport {
  entityRef: string;
  /** Argo CD per configured environment. */
  deployments: Array<
    { environment: string } & RuntimeSignal<RuntimeDeployment[]>
  >;
  pipelines: RuntimeSignal<{
    project: string;
    defaultBranch?: string;
    webUrl?: string;
    /** Newest first. */
    pipelines: RuntimePipeline[];
  }>;
  images: RuntimeSignal<{
    repository: string;
    /** Newest push first. */
    images: RuntimeImage[];
  }>;
}
