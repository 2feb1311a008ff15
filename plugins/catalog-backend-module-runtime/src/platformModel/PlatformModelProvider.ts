import { LoggerService } from '@backstage/backend-plugin-api';

import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  PLATFORM_MODEL_LOCATION,
  platformModelEntities,
} from './platformModelEntities';

/**
 * Puts the Runtime's platform model (Domain, Systems, Components, APIs) into the catalog. The model is
 * fixed for a given version of the suite, so one full mutation at connect is all it takes: the catalog
 * only writes what changed.
 */
export class PlatformModelProvider implements EntityProvider {
  constructor(
    private readonly options: { owner: string; logger: LoggerService },
  ) {}

  getProviderName(): string {
    return 'runtime-platform-model';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    const entities = platformModelEntities({ owner: this.options.owner });
    await connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: PLATFORM_MODEL_LOCATION,
      })),
    });
    this.options.logger.info(
      `Runtime platform model: ${entities.length} entities owned by ${this.options.owner}`,
    );
  }
}
