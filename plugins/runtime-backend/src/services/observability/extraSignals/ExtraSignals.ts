import {
  RuntimeExtraSignal,
  RuntimeSignal,
} from '@runtime-portal/backstage-plugin-runtime-common';
import {
  RuntimeClientsService,
  RuntimeObservabilitySignal,
  RuntimeObservabilitySignalRequest,
} from '@runtime-portal/backstage-plugin-runtime-node';
import { SignalReader } from '../../signals/SignalReader';
import { ObservabilitySubject } from '../../entities/observabilityTarget';
import { TimeWindow } from '../timeRange';

/** How long an added signal's answer is cached when neither it nor the config says. */
const DEFAULT_TTL_SECONDS = 30;

/** What the added signals of one environment's report are read about. */
interface ExtraSignalSubject extends ObservabilitySubject {
  window: TimeWindow;
  /**
   * Why the entity may not read its service's signals in this environment (another team's
   * namespace, or none named), if it may not.
   */
  refusal?: string;
  /** Why the entity's service is not there in this environment (a runtime component not installed). */
  missing?: string;
}

/**
 * Reads the observability signals adopters' modules added, through the same reader as the built-in
 * signals: each within the per-signal budget, cached per entity, environment and range (never per
 * viewer) and coalesced; a failing one is `unavailable` alone. A signal of `service` scope is read
 * only for a service the entity's owner may read, as metrics, logs, alerts and traces are.
 */
export class ExtraSignals {
  constructor(
    private readonly options: {
      /** Checked by `checkExtraSignals`. */
      signals: readonly RuntimeObservabilitySignal[];
      clients: RuntimeClientsService;
      reader: SignalReader;
      /** The per-signal time budget of the report. */
      timeoutMs: number;
      /** `runtime.observability.cacheTtlSeconds.<id>`, by id, in milliseconds. */
      ttlMs: Record<string, number>;
    },
  ) {}

  /** Every added signal of one environment, by id in the order they were added. */
  async read(
    environment: string,
    subject: ExtraSignalSubject,
  ): Promise<Record<string, RuntimeExtraSignal>> {
    const { signals } = this.options;
    const results = await Promise.all(
      signals.map(signal => this.readOne(signal, environment, subject)),
    );
    return Object.fromEntries(
      signals.map((signal, i) => [
        signal.id,
        { title: signal.title, ...results[i] },
      ]),
    );
  }

  private readOne(
    definition: RuntimeObservabilitySignal,
    environment: string,
    subject: ExtraSignalSubject,
  ): Promise<RuntimeSignal<unknown>> {
    const { clients, reader, timeoutMs } = this.options;
    const { id, title, upstream } = definition;
    if (upstream && !clients.has(environment, upstream)) {
      return Promise.resolve(
        SignalReader.notConfigured(
          `${title} needs ${upstream}, which is not configured for ${environment} (runtime.environments[].${upstream})`,
        ),
      );
    }
    const { entity, ownership, target, window, refusal, missing } = subject;
    let service: RuntimeObservabilitySignalRequest['service'];
    if (definition.scope === 'service') {
      if (!target.service || missing) {
        return Promise.resolve(
          SignalReader.notConfigured(
            missing ??
              `${title} needs the backstage.io/kubernetes-id annotation (the entity's service)`,
          ),
        );
      }
      if (refusal) return Promise.resolve(SignalReader.notAllowed(refusal));
      service = { name: target.service, namespace: target.namespace };
    }
    const request: Omit<RuntimeObservabilitySignalRequest, 'signal'> = {
      entity,
      entityRef: ownership.entityRef,
      environment,
      window: {
        range: window.range,
        start: new Date(window.start * 1000),
        end: new Date(window.end * 1000),
        stepSeconds: window.stepSeconds,
      },
      service,
      clients,
    };
    const serviceKey = service
      ? `${service.namespace ?? ''}/${service.name}`
      : '';
    return reader.read<unknown>({
      key: `${environment}:extra:${id}:${ownership.entityRef}:${serviceKey}@${window.range}`,
      ttlMs: this.ttlMs(definition),
      timeoutMs,
      upstreamTitle: title,
      load: async signal =>
        asJson(await definition.read({ ...request, signal })),
    });
  }

  private ttlMs(definition: RuntimeObservabilitySignal): number {
    return (
      this.options.ttlMs[definition.id] ??
      (definition.cacheTtlSeconds ?? DEFAULT_TTL_SECONDS) * 1000
    );
  }
}

/**
 * The value as the report will send it (JSON), so what is cached is what viewers get and a value that
 * cannot be sent fails this signal alone rather than the report.
 */
function asJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  if (text === undefined) {
    throw new TypeError('The signal read no JSON value');
  }
  return JSON.parse(text);
}
