import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { JsonValue } from '@backstage/types';
import type { RuntimeObservabilityRange } from '@runtime-portal/backstage-plugin-runtime-common';
import type { RuntimeClientsService, RuntimeUpstreamClients } from '../clients';

/**
 * The time window of an observability report: the chosen range ending now, its end aligned to the
 * step (so that concurrent viewers see the same window).
 *
 * @public
 */
export interface RuntimeObservabilityWindow {
  /** The range the caller chose (`?range=`). */
  range: RuntimeObservabilityRange;
  start: Date;
  end: Date;
  /** The chart step the built-in metrics use for this range. */
  stepSeconds: number;
}

/**
 * What an added observability signal is asked to read: one entity in one environment.
 *
 * @public
 */
export interface RuntimeObservabilitySignalRequest {
  /** The entity, as the catalog gave it to the caller. */
  entity: Entity;
  /** Its ref, e.g. `component:default/semantic-search`. */
  entityRef: string;
  /** The configured environment to read. */
  environment: string;
  window: RuntimeObservabilityWindow;
  /**
   * The entity's Kubernetes service (`backstage.io/kubernetes-id` in `backstage.io/kubernetes-namespace`,
   * or a runtime inference endpoint's model), set when the signal's `scope` is `service`: by then it
   * is known to belong to the entity's owner.
   */
  service?: { name: string; namespace?: string };
  /** The suite's upstream clients (only configured environments can be reached). */
  clients: RuntimeClientsService;
  /** Aborted when the signal's time budget (`runtime.observability.signalTimeoutMs`) runs out. */
  signal: AbortSignal;
}

/**
 * An observability signal an adopter's module adds to the report of every entity.
 *
 * @public
 */
export interface RuntimeObservabilitySignal {
  /**
   * Stable id: lowercase letters, digits and dashes, starting with a letter. The signal is
   * `extraSignals[id]` of each environment of the report. The built-in names (`metrics`, `alerts`,
   * `logs`, `traces`, `dashboards`, `health`) are refused.
   */
  id: string;
  /** What it is called on the page and in messages, e.g. `SLO budget`. */
  title: string;
  /**
   * What the signal reads of the entity:
   *
   * - `service`: the data of the entity's Kubernetes service, like metrics, logs, alerts and traces.
   *   It is read only when the service's namespace belongs to the entity's owner (`runtime.access`);
   *   otherwise it is `not-allowed` with whose it is, and `not-configured` when the entity names no
   *   service.
   * - `entity`: anything else the entity names (its ref, other annotations), like dashboards; the
   *   signal is then responsible for not trusting what any team could write in an annotation.
   */
  scope: 'service' | 'entity';
  /** The upstream it reads, if it is one of the suite's: environments without it are `not-configured`. */
  upstream?: keyof RuntimeUpstreamClients;
  /**
   * Seconds an answer is cached, shared by every viewer (default 30); overridden by
   * `runtime.observability.cacheTtlSeconds.<id>`. A failure is kept 5 seconds.
   */
  cacheTtlSeconds?: number;
  /**
   * Reads the signal. What it resolves to must be JSON-serialisable; it is the signal's `data`. When it
   * throws or the budget runs out, the signal alone is `unavailable`: a `RuntimeUpstreamError`'s
   * message is shown, any other error only by its name.
   */
  read(request: RuntimeObservabilitySignalRequest): Promise<JsonValue>;
}

/**
 * The interface for {@link runtimeObservabilitySignalsExtensionPoint}.
 *
 * @public
 */
export interface RuntimeObservabilitySignalsExtensionPoint {
  /**
   * Adds a signal to the observability report, read like the built-in ones: after the caller's catalog
   * read of the entity, within the per-signal time budget, cached and coalesced, and failing alone. Its
   * id must be valid, not a built-in name and unique; the runtime plugin refuses it at startup
   * otherwise.
   */
  addObservabilitySignal(signal: RuntimeObservabilitySignal): void;
}

/**
 * Adds signals to the Runtime backend's observability report (`runtime` plugin,
 * `GET /api/runtime/entity/:kind/:namespace/:name/observability`).
 *
 * @public
 */
export const runtimeObservabilitySignalsExtensionPoint =
  createExtensionPoint<RuntimeObservabilitySignalsExtensionPoint>({
    id: 'runtime.observability.signals',
  });
