import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  RuntimeObservabilityRange,
  RuntimeResourceDetails,
} from '@runtime-portal/backstage-plugin-runtime-common';
import { observabilityTarget } from './entities/observabilityTarget';
import { deliveryTarget } from './entities/deliveryTarget';
import { entityOwnership } from './entities/entityOwnership';
import { ObservabilityService } from './observability/ObservabilityService';
import { DeliveryService } from './delivery/DeliveryService';
import { ResourceDetailsService } from './resources/ResourceDetailsService';
import { EncodedReport, EncodedReports } from './http/EncodedReports';
import { upstreamErrorsAsUnavailable } from './http/upstreamErrors';

/**
 * The reports about one entity (already read from the catalog with the caller's credentials), one code
 * path for the HTTP routes and the actions registry: the same services, permission checks, budgets and
 * caches, and the encoded observability and delivery reports shared by every viewer of an entity.
 */
export class EntityReports {
  constructor(
    private readonly options: {
      observability: ObservabilityService;
      delivery: DeliveryService;
      resources: ResourceDetailsService;
      /** Encoded observability and delivery reports, shared by the viewers of an entity. */
      reports: EncodedReports;
    },
  ) {}

  /** The observability report of `entity` over `range` ending now, encoded. */
  observability(
    entity: Entity,
    range: RuntimeObservabilityRange,
  ): Promise<EncodedReport> {
    const ownership = entityOwnership(entity);
    const target = observabilityTarget(entity);
    return this.options.reports.get(
      `observability:${ownership.entityRef}:${range}:${JSON.stringify([
        target,
        ownership,
      ])}`,
      () =>
        this.options.observability.report({ entity, ownership, target }, range),
    );
  }

  /** The delivery report of `entity`, encoded. */
  delivery(entity: Entity): Promise<EncodedReport> {
    const ownership = entityOwnership(entity);
    const target = deliveryTarget(entity);
    return this.options.reports.get(
      `delivery:${ownership.entityRef}:${JSON.stringify([target, ownership])}`,
      () => this.options.delivery.report(ownership, target),
    );
  }

  /** Drops the encoded delivery reports of an entity (after a sync or a retry changed them). */
  forgetDelivery(entityRef: string): void {
    this.options.reports.forget(`delivery:${entityRef}:`);
  }

  /**
   * The live details of a runtime Resource entity, when `credentials` have `runtime.resource.read` on
   * it; an upstream's failure is a 503 naming it, a resource gone from its upstream a 404.
   */
  resourceDetails(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<RuntimeResourceDetails> {
    return upstreamErrorsAsUnavailable(() =>
      this.options.resources.details(entity, credentials),
    );
  }
}

/** The report an encoded report holds, as a value (for callers that do not send it over HTTP). */
export function decodeReport<T>(report: EncodedReport): T {
  return JSON.parse(report.json.toString('utf8')) as T;
}
