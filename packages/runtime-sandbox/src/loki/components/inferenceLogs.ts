import {
  goStdLogLine,
  klogPrintfLine,
  vllmLine,
  zapConsoleLine,
} from '../logFormats';
import { ComponentLogCatalog, LineContext } from './lineContext';

/** The seed's KubeAI model (an inference endpoint) a line is about. */
const model = (ctx: LineContext) => ctx.pick(ctx.models, 'model');

/**
 * KubeAI 0.14: Go's `log` for its proxy and autoscaler, controller-runtime's zap (development console
 * encoder) for its controllers, client-go's klog for leader election. While one of its replicas fails
 * its scrapes, the leader cannot aggregate that replica's metrics and the failing replica cannot renew
 * the leader lease.
 */
export const kubeaiLogs: ComponentLogCatalog = {
  info: [
    ctx => {
      const m = model(ctx);
      const requests = ctx.int(0, 6, 'requests');
      return goStdLogLine(
        ctx.timeMs,
        `Calculated target replicas for model "${
          m.name
        }": ceil(${requests}/100) = ${
          requests > 0 ? 1 : 0
        }, current requests: sum([${requests}]) = ${requests}, history: [${requests}]`,
      );
    },
    ctx =>
      goStdLogLine(
        ctx.timeMs,
        `Proxying request to ip 10.42.${ctx.int(0, 7, 'net')}.${ctx.int(
          2,
          250,
          'host',
        )}:8000: ${ctx.hex(16, 'request')}`,
      ),
    ctx =>
      goStdLogLine(
        ctx.timeMs,
        `Aggregating metrics from KubeAI addresses [${Array.from(
          { length: ctx.component.replicas },
          (_, i) => `${ctx.ip(i)}:8080`,
        ).join(' ')}]`,
      ),
  ],
  warn: [
    ctx => {
      const m = model(ctx);
      return goStdLogLine(
        ctx.timeMs,
        `model ${m.name} has ${ctx.int(
          1,
          2,
          'scale-downs',
        )} consecutive scale downs (< 3), not scaling down yet`,
      );
    },
  ],
  error: [
    ctx => {
      const m = model(ctx);
      return zapConsoleLine('error', ctx.timeMs, '', 'Reconciler error', {
        controller: 'model',
        controllerGroup: 'kubeai.org',
        controllerKind: 'Model',
        Model: { name: m.name, namespace: m.namespace },
        namespace: m.namespace,
        name: m.name,
        reconcileID: ctx.uuid('reconcile'),
        error: `Operation cannot be fulfilled on models.kubeai.org "${m.name}": the object has been modified; please apply your changes to the latest version and try again`,
      });
    },
    ctx =>
      goStdLogLine(
        ctx.timeMs,
        `sending error response: 504: request timeout while finding host: context deadline exceeded`,
      ),
  ],
  down: {
    warn: [
      ctx => {
        const ip = ctx.ip(ctx.downReplica('down'));
        return goStdLogLine(
          ctx.timeMs,
          `Failed to aggregate metrics: failed to scrape metrics: Get "http://${ip}:8080/metrics": dial tcp ${ip}:8080: connect: connection refused`,
        );
      },
    ],
    error: [
      ctx =>
        klogPrintfLine(
          'error',
          ctx.timeMs,
          'leaderelection.go:436',
          `error retrieving resource lock ${ctx.component.namespace}/kubeai.org: Get "https://10.43.0.1:443/apis/coordination.k8s.io/v1/namespaces/${ctx.component.namespace}/leases/kubeai.org?timeout=5s": context deadline exceeded`,
        ),
      ctx =>
        zapConsoleLine(
          'error',
          ctx.timeMs,
          'manager',
          'error running controller-manager',
          {
            error:
              'failed to wait for model caches to sync: timed out waiting for cache to be synced for Kind *v1.Model',
          },
        ),
    ],
  },
};

/** vLLM 0.7 (Python logging): throughput stats, requests, KV-cache preemptions and engine failures. */
export const vllmLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      vllmLine(
        'info',
        ctx.timeMs,
        'metrics.py:455',
        `Avg prompt throughput: ${
          ctx.int(0, 9000, 'prompt') / 10
        } tokens/s, Avg generation throughput: ${
          ctx.int(0, 2400, 'generation') / 10
        } tokens/s, Running: ${ctx.int(
          0,
          8,
          'running',
        )} reqs, Swapped: 0 reqs, Pending: ${ctx.int(
          0,
          2,
          'pending',
        )} reqs, GPU KV cache usage: ${
          ctx.int(0, 900, 'kv') / 10
        }%, CPU KV cache usage: 0.0%.`,
      ),
    ctx =>
      vllmLine(
        'info',
        ctx.timeMs,
        'engine.py:275',
        `Added request chatcmpl-${ctx.hex(16, 'request')}.`,
      ),
  ],
  warn: [
    ctx =>
      vllmLine(
        'warn',
        ctx.timeMs,
        'scheduler.py:1560',
        `Sequence group chatcmpl-${ctx.hex(
          16,
          'request',
        )} is preempted by PreemptionMode.RECOMPUTE mode because there is not enough KV cache space. This can affect the end-to-end performance. Increase gpu_memory_utilization or tensor_parallel_size to provide more KV cache memory. total_num_cumulative_preemption=${ctx.int(
          1,
          40,
          'preemptions',
        )}`,
      ),
  ],
  error: [
    ctx =>
      vllmLine(
        'error',
        ctx.timeMs,
        'async_llm_engine.py:65',
        'Engine background task failed',
      ),
    ctx =>
      vllmLine(
        'error',
        ctx.timeMs,
        'engine.py:135',
        `torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB. GPU 0 has a total capacity of 22.05 GiB of which ${
          ctx.int(50, 190, 'free') / 100
        } GiB is free.`,
      ),
  ],
};

/** faster-whisper behind a uvicorn server (Python logging's default format). */
export const fasterWhisperLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      `INFO:     10.42.0.${ctx.int(2, 250, 'client')}:${ctx.int(
        30000,
        60000,
        'port',
      )} - "POST /v1/audio/transcriptions HTTP/1.1" 200 OK`,
    ctx =>
      `INFO:faster_whisper:Processing audio with duration ${String(
        ctx.int(0, 4, 'minutes'),
      ).padStart(2, '0')}:${String(ctx.int(0, 59, 'seconds')).padStart(
        2,
        '0',
      )}.${ctx.int(100, 999, 'millis')}`,
    ctx =>
      `INFO:faster_whisper:Detected language '${ctx.pick(
        ['en', 'de', 'fr', 'es'],
        'language',
      )}' with probability ${(ctx.int(70, 99, 'probability') / 100).toFixed(
        2,
      )}`,
  ],
  warn: [],
  error: [
    () => 'ERROR:    Exception in ASGI application',
    () => 'RuntimeError: CUDA failed with error out of memory',
  ],
};
