/*
 * Benchmark of the "AI service" template against the sandbox, through the real backend's scaffolder:
 * wall time of a full run (inference endpoint until ready, bucket, secret, Temporal namespace, the
 * skeleton, publish to GitLab, catalog registration) and of a dry-run. It runs as a signed-in member of
 * search-team (the Runtime's actions refuse service principals), under the real permission policy.
 *
 *   yarn workspace backend bench:templates          (BENCH_RUNS=5 by default)
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { startBenchPortal } from './benchPortal';
import { aiServiceValues } from '../src/testing/aiService';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// Runs from source only.
// eslint-disable-next-line no-restricted-syntax
const TEMPLATE_DIR = path.resolve(
  __dirname,
  '../../../examples/templates/ai-service',
);

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const portal = await startBenchPortal(17407);
  const { backend, sandbox } = portal;
  const api = `${backend.baseUrl}/api/scaffolder/v2`;
  const headers = await portal.userHeaders();
  const json = { ...headers, 'content-type': 'application/json' };
  const values = (name: string) => ({
    ...aiServiceValues(sandbox, name),
    description: 'Benchmark service',
  });
  try {
    await portal.waitForEntity('template/default/runtime-ai-service');
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const created = await fetch(`${api}/tasks`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          templateRef: 'template:default/runtime-ai-service',
          values: values(`bench-ai-${Date.now().toString(36)}-${i}`),
          secrets: { apiToken: 'bench-secret-value' },
        }),
      });
      if (created.status !== 201) {
        throw new Error(
          `create task: HTTP ${created.status} ${await created.text()}`,
        );
      }
      const { id } = await created.json();
      for (;;) {
        const task = await (
          await fetch(`${api}/tasks/${id}`, { headers })
        ).json();
        if (task.status === 'completed') break;
        if (['failed', 'cancelled'].includes(task.status)) {
          throw new Error(`task ${id} ${task.status}`);
        }
        await new Promise(res => setTimeout(res, 50));
      }
      runs.push(performance.now() - started);
    }

    const templateFile = path.join(TEMPLATE_DIR, 'template.yaml');
    const template = yaml.parse(fs.readFileSync(templateFile, 'utf8'));
    const directoryContents = fs
      .readdirSync(TEMPLATE_DIR, { recursive: true, withFileTypes: true })
      .filter(e => e.isFile())
      .map(e => {
        const full = path.join(e.parentPath, e.name);
        return {
          path: path.relative(TEMPLATE_DIR, full),
          base64Content: fs.readFileSync(full).toString('base64'),
        };
      });
    const dryRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const response = await fetch(`${api}/dry-run`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          template,
          values: values(`bench-dry-${i}`),
          secrets: { apiToken: 'bench-secret-value' },
          directoryContents,
        }),
      });
      if (!response.ok) {
        throw new Error(
          `dry-run: HTTP ${response.status} ${await response.text()}`,
        );
      }
      await response.json();
      dryRuns.push(performance.now() - started);
    }
    const fmt = (v: number[]) =>
      `median ${median(v).toFixed(0)} ms, min ${Math.min(...v).toFixed(
        0,
      )} ms, max ${Math.max(...v).toFixed(0)} ms`;
    console.log(
      `"AI service" template against the sandbox, ${RUNS} runs each:`,
    );
    console.log(
      `  full run (7 steps, model ready, publish, register): ${fmt(runs)}`,
    );
    console.log(
      `  dry-run:                                             ${fmt(dryRuns)}`,
    );
  } finally {
    await portal.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
