import { RuntimeDeliveryReport } from '@runtime-portal/backstage-plugin-runtime-common';
import { z as zod } from 'zod/v3';
import { signalState, signalStateSchema } from './signalState';

/** The zod schema of an entity's delivery summary (the output of `get-entity-delivery`). */
export function deliverySummarySchema(z: typeof zod) {
  const state = signalStateSchema(z);
  return z.object({
    entityRef: z.string(),
    deployments: z
      .array(
        state.extend({
          environment: z.string(),
          applications: z
            .array(
              z.object({
                application: z.string(),
                syncStatus: z.string().describe('Synced, OutOfSync or Unknown'),
                healthStatus: z
                  .string()
                  .describe(
                    'Healthy, Progressing, Degraded, Suspended, Missing or Unknown',
                  ),
                revision: z.string().optional(),
                targetRevision: z.string().optional(),
                lastSync: z
                  .object({
                    phase: z.string(),
                    finishedAt: z.string().optional(),
                    message: z.string().optional(),
                  })
                  .optional(),
              }),
            )
            .optional(),
        }),
      )
      .describe('Argo CD applications, per environment'),
    lastPipeline: state
      .extend({
        project: z.string().optional(),
        pipeline: z
          .object({
            id: z.number(),
            ref: z.string(),
            status: z.string(),
            createdAt: z.string(),
            durationSeconds: z.number().optional(),
            webUrl: z.string(),
            failedJobs: z
              .array(
                z.object({
                  name: z.string(),
                  stage: z.string(),
                  failureReason: z.string().optional(),
                }),
              )
              .optional(),
          })
          .optional()
          .describe('The newest pipeline; absent when the project has none'),
      })
      .describe('GitLab'),
    image: state
      .extend({
        repository: z.string().optional(),
        latest: z
          .object({
            tags: z.array(z.string()),
            digest: z.string(),
            pushedAt: z.string(),
            vulnerabilities: z
              .object({
                scanStatus: z.string(),
                severity: z.string(),
                critical: z.number(),
                high: z.number(),
                medium: z.number(),
                low: z.number(),
                total: z.number(),
              })
              .optional(),
          })
          .optional()
          .describe('The image pushed last; absent when there is none'),
      })
      .describe('Harbor'),
  });
}

/** An entity's delivery summary. */
export type DeliverySummary = zod.infer<
  ReturnType<typeof deliverySummarySchema>
>;

/** Summarises a delivery report: sync and health per application, the newest pipeline and image. */
export function summarizeDelivery(
  report: RuntimeDeliveryReport,
): DeliverySummary {
  const { pipelines, images } = report;
  const pipeline = pipelines.data?.pipelines[0];
  const image = images.data?.images[0];
  return {
    entityRef: report.entityRef,
    deployments: report.deployments.map(d => ({
      environment: d.environment,
      ...signalState(d),
      ...(d.data && {
        applications: d.data.map(app => ({
          application: app.application,
          syncStatus: app.syncStatus,
          healthStatus: app.healthStatus,
          revision: app.revision,
          targetRevision: app.targetRevision,
          lastSync: app.lastSync,
        })),
      }),
    })),
    lastPipeline: {
      ...signalState(pipelines),
      ...(pipelines.data && { project: pipelines.data.project }),
      ...(pipeline && {
        pipeline: {
          id: pipeline.id,
          ref: pipeline.ref,
          status: pipeline.status,
          createdAt: pipeline.createdAt,
          durationSeconds: pipeline.durationSeconds,
          webUrl: pipeline.webUrl,
          failedJobs: pipeline.failedJobs?.map(job => ({
            name: job.name,
            stage: job.stage,
            failureReason: job.failureReason,
          })),
        },
      }),
    },
    image: {
      ...signalState(images),
      ...(images.data && { repository: images.data.repository }),
      ...(image && {
        latest: {
          tags: image.tags,
          digest: image.digest,
          pushedAt: image.pushedAt,
          vulnerabilities: image.vulnerabilities,
        },
      }),
    },
  };
}
