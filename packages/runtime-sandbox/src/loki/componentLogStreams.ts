import { RuntimeSeed, SeedComponent } from '../seed';
import { hashParts, pick } from '../telemetry/deterministic';
import {
  COMPONENT_LOG_CATALOGS,
  ComponentLogCatalog,
  LineWriter,
  lineContext,
} from './components';
import { NamedWorkload } from './components/lineContext';
import { LogLevel, LogStream, streamLabels } from './logLines';

/** Info lines a second per replica of a component. */
const INFO_LINES_PER_REPLICA_PER_SECOND = 0.25;
/** A component's warnings and errors: one every two and five minutes on average. */
const BASE_RATES: Record<Exclude<LogLevel, 'info'>, number> = {
  warn: 1 / 120,
  error: 1 / 300,
};
/** What each replica failing its scrapes adds: a warning every 15 s, an error every 20 s. */
const DOWN_RATES: Record<Exclude<LogLevel, 'info'>, number> = {
  warn: 1 / 15,
  error: 1 / 20,
};

/** The seed's team services and KubeAI models, which components' lines name. */
function seedWorkloads(
  seed: RuntimeSeed,
  component: SeedComponent,
): { services: NamedWorkload[]; models: NamedWorkload[] } {
  const services = seed.teams.flatMap(team =>
    team.services.map(s => ({ name: s.name, namespace: team.namespace })),
  );
  const models = seed.teams.flatMap(team =>
    team.services.flatMap(s =>
      (s.inferenceEndpoints ?? []).map(e => ({
        name: e.name,
        namespace: team.namespace,
        engine: e.engine,
      })),
    ),
  );
  // A Runtime without teams yet: the lines name the component's own workload.
  const own = [{ name: component.name, namespace: component.namespace }];
  return {
    services: services.length ? services : own,
    models: models.length ? models : own,
  };
}

/** One level's stream of a component: its writers, the down writers' share of its lines and its rate. */
function levelStream(
  component: SeedComponent,
  workloads: ReturnType<typeof seedWorkloads>,
  level: LogLevel,
  writers: LineWriter[],
  baseRate: number,
  downWriters: LineWriter[],
  downRate: number,
): LogStream[] {
  const base = writers.length ? baseRate : 0;
  const down = downWriters.length ? downRate : 0;
  const rate = base + down;
  if (rate <= 0) return [];
  const downShare = down / rate;
  return [
    {
      level,
      rate,
      labels: streamLabels(component.namespace, component.name, level),
      line: (index, timeMs) => {
        const hashes = hashParts(component.name, level, index);
        const unit = hashes.unit('writer');
        const fromDown = hashes.unit('down') < downShare;
        const write = pick(fromDown ? downWriters : writers, unit);
        return write(lineContext(component, workloads, level, index, timeMs));
      },
    },
  ];
}

/**
 * The log streams of the Runtime's own components installed in the seed's environment, labelled as
 * the teams' streams are (`namespace` = the component's namespace, `service` = its name): info lines
 * in proportion to its replicas, a few warnings and errors, and, while some of its replicas fail
 * their scrapes (`downReplicas`), the warnings and errors that failure causes.
 */
export function componentLogStreams(seed: RuntimeSeed): LogStream[] {
  return seed.components.flatMap(component => {
    const catalog: ComponentLogCatalog | undefined =
      COMPONENT_LOG_CATALOGS[component.name];
    if (!catalog) return [];
    const workloads = seedWorkloads(seed, component);
    const down = Math.min(component.downReplicas ?? 0, component.replicas);
    return [
      ...levelStream(
        component,
        workloads,
        'info',
        catalog.info,
        INFO_LINES_PER_REPLICA_PER_SECOND * component.replicas,
        [],
        0,
      ),
      ...(['warn', 'error'] as const).flatMap(level =>
        levelStream(
          component,
          workloads,
          level,
          catalog[level],
          BASE_RATES[level],
          down > 0 ? catalog.down?.[level] ?? [] : [],
          DOWN_RATES[level] * down,
        ),
      ),
    ];
  });
}
