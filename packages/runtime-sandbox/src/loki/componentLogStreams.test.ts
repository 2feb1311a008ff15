import { loadProdSeed, loadSeed } from '../seed';
import { COMPONENT_LOG_CATALOGS } from './components';
import { componentLogStreams } from './componentLogStreams';
import { LogStream } from './logLines';

/** The portal's default error-line filter (`runtime.observability.logs.filter`). */
const ERROR_LINE = /(error|exception|fatal)/i;
const TIME = Date.parse('2026-01-15T12:00:00Z');

function lines(stream: LogStream, count = 300): string[] {
  return Array.from({ length: count }, (_, i) =>
    stream.line(i, TIME + (i * 1000) / stream.rate),
  );
}

function streamsOf(streams: LogStream[], service: string, level?: string) {
  return streams.filter(
    s => s.labels.service === service && (!level || s.level === level),
  );
}

describe('componentLogStreams', () => {
  const dev = componentLogStreams(loadSeed());
  const prod = componentLogStreams(loadProdSeed());

  it('gives every installed component streams labelled like the teams’ in its own namespace', () => {
    const seed = loadSeed();
    for (const component of seed.components) {
      const streams = streamsOf(dev, component.name);
      expect(streams.map(s => s.level)).toEqual(
        expect.arrayContaining(['error']),
      );
      for (const stream of streams) {
        expect(stream.labels).toEqual({
          job: `${component.namespace}/${component.name}`,
          level: stream.level,
          namespace: component.namespace,
          service: component.name,
        });
      }
    }
    expect(Object.keys(COMPONENT_LOG_CATALOGS).sort()).toEqual(
      seed.components.map(c => c.name).sort(),
    );
  });

  it('has no streams for a component the environment does not have installed', () => {
    expect(streamsOf(dev, 'faster-whisper')).not.toHaveLength(0);
    expect(streamsOf(prod, 'faster-whisper')).toHaveLength(0);
  });

  it('writes the same lines for the same seed', () => {
    const again = componentLogStreams(loadSeed());
    expect(again.map(s => lines(s, 20))).toEqual(dev.map(s => lines(s, 20)));
  });

  it('writes errors only in error streams, and every error line is one the portal’s filter picks', () => {
    const misplaced = [...dev, ...prod].flatMap(stream =>
      lines(stream)
        .filter(line => ERROR_LINE.test(line) !== (stream.level === 'error'))
        .map(line => `${stream.labels.service} ${stream.level}: ${line}`),
    );
    expect(misplaced).toEqual([]);
  });

  it('writes errors at a modest rate, more while replicas fail their scrapes', () => {
    const errorRates = Object.fromEntries(
      dev.filter(s => s.level === 'error').map(s => [s.labels.service, s.rate]),
    );
    const { loki, ...healthy } = errorRates;
    expect(Math.max(...Object.values(healthy))).toBeLessThanOrEqual(1 / 60);
    expect(loki).toBeGreaterThan(errorRates.kubeai);
    expect(loki).toBeLessThanOrEqual(1 / 10);
  });

  it('has Loki’s errors about its unreachable replica in dev (TargetDown), not in prod', () => {
    const unreachable =
      /error contacting scheduler|too many unhealthy instances/;
    expect(
      lines(streamsOf(dev, 'loki', 'error')[0]).filter(l => unreachable.test(l))
        .length,
    ).toBeGreaterThan(100);
    expect(
      lines(streamsOf(prod, 'loki', 'error')[0]).some(l => unreachable.test(l)),
    ).toBe(false);
  });

  it('has KubeAI’s errors about its failing replica in prod (TargetDown), not in dev', () => {
    const failing =
      /error retrieving resource lock|error running controller-manager/;
    expect(
      lines(streamsOf(prod, 'kubeai', 'error')[0]).filter(l => failing.test(l))
        .length,
    ).toBeGreaterThan(100);
    expect(
      lines(streamsOf(dev, 'kubeai', 'error')[0]).some(l => failing.test(l)),
    ).toBe(false);
    expect(lines(streamsOf(prod, 'kubeai', 'warn')[0])).toContainEqual(
      expect.stringMatching(
        /Failed to aggregate metrics: .*connection refused/,
      ),
    );
  });
});
