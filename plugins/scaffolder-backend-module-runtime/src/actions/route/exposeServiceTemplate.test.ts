import fs from 'node:fs';
import path from 'node:path';
import yaml from 'yaml';
import { z as zod } from 'zod/v3';
import { inputSchema } from './routeExpose';

/** The "Expose a service" template offers what `runtime:route:expose` accepts, and passes it all on. */

const TEMPLATE = path.resolve(
  __dirname,
  '../../../../../examples/templates/expose-service.yaml',
);
const template = yaml.parse(fs.readFileSync(TEMPLATE, 'utf8'));
const properties: Record<string, any> = Object.assign(
  {},
  ...template.spec.parameters.map((page: any) => page.properties ?? {}),
);
const shape = inputSchema(zod).shape;

describe('expose-service template and action', () => {
  it('runs runtime:route:expose with every input the action takes but domain (a full host names its own)', () => {
    const [step] = template.spec.steps;
    expect(step.action).toBe('runtime:route:expose');
    expect(Object.keys(step.input).sort()).toEqual(
      Object.keys(shape)
        .filter(key => key !== 'domain')
        .sort(),
    );
  });

  it.each([
    ['search-api', true],
    ['search-api.apps.dev.runtime.local', true],
    ['Search', false],
    ['-search', false],
    ['search_api', false],
    ['search..api', false],
  ])('host %s: template and action agree (%s)', (host, ok) => {
    expect(new RegExp(properties.host.pattern).test(host)).toBe(ok);
    expect(shape.host.safeParse(host).success).toBe(ok);
  });

  it('bounds the name and the port as the action does', () => {
    expect(properties.name.maxLength).toBe(59);
    expect(shape.name.safeParse('a'.repeat(59)).success).toBe(true);
    expect(shape.name.safeParse('a'.repeat(60)).success).toBe(false);
    expect([
      properties.servicePort.minimum,
      properties.servicePort.maximum,
    ]).toEqual([1, 65535]);
    expect(shape.servicePort.safeParse(0).success).toBe(false);
    expect(shape.servicePort.safeParse(65536).success).toBe(false);
  });

  it('links to the URL and to the route in the catalog', () => {
    expect(template.spec.output.links).toEqual([
      expect.objectContaining({ url: '${{ steps.route.output.url }}' }),
      expect.objectContaining({
        entityRef: '${{ steps.route.output.entityRef }}',
      }),
    ]);
  });
});
