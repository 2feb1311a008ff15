import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { parse } from 'yaml';
import { z } from 'zod/v3';
import * as bucket from './bucket/bucketCreate';
import { examples as bucketExamples } from './bucket/bucketCreate.examples';
import * as catalog from './catalog/catalogRegister';
import { examples as catalogExamples } from './catalog/catalogRegister.examples';
import * as endpoint from './inferenceEndpoint/inferenceEndpointCreate';
import { examples as endpointExamples } from './inferenceEndpoint/inferenceEndpointCreate.examples';
import * as secret from './secret/secretCreate';
import { examples as secretExamples } from './secret/secretCreate.examples';
import * as extend from './resource/resourceExtend';
import { examples as extendExamples } from './resource/resourceExtend.examples';
import * as workflow from './workflow/workflowCreate';
import * as database from './database/databaseCreate';
import { examples as databaseExamples } from './database/databaseCreate.examples';
import * as databaseDelete from './database/databaseDelete';
import { examples as databaseDeleteExamples } from './database/databaseDelete.examples';
import { examples as workflowExamples } from './workflow/workflowCreate.examples';
import * as routeExpose from './route/routeExpose';
import { examples as routeExposeExamples } from './route/routeExpose.examples';
import * as routeDelete from './route/routeDelete';
import { examples as routeDeleteExamples } from './route/routeDelete.examples';

/** Template expressions replaced by what a user would typically enter. */
const PARAMETERS: Record<string, string> = {
  'parameters.owner': 'group:default/search-team',
  'parameters.service': 'semantic-search',
  'steps.publish.output.repoContentsUrl':
    'https://gitlab.example.com/search-team/semantic-search/-/blob/main',
};

function fillIn(yamlText: string): string {
  return yamlText.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (whole, expression) =>
    expression in PARAMETERS ? PARAMETERS[expression] : whole,
  );
}

describe.each([
  ['runtime:secret:create', secretExamples, secret.inputSchema],
  ['runtime:bucket:create', bucketExamples, bucket.inputSchema],
  ['runtime:inference-endpoint:create', endpointExamples, endpoint.inputSchema],
  ['runtime:workflow:create', workflowExamples, workflow.inputSchema],
  ['runtime:catalog:register', catalogExamples, catalog.inputSchema],
  ['runtime:resource:extend', extendExamples, extend.inputSchema],
  ['runtime:database:create', databaseExamples, database.inputSchema],
  [
    'runtime:database:delete',
    databaseDeleteExamples,
    databaseDelete.inputSchema,
  ],
  ['runtime:route:expose', routeExposeExamples, routeExpose.inputSchema],
  ['runtime:route:delete', routeDeleteExamples, routeDelete.inputSchema],
] as Array<[string, TemplateExample[], (zod: typeof z) => z.ZodTypeAny]>)(
  'examples of %s',
  (id, examples, inputSchema) => {
    it.each(examples.map(e => [e.description, e]))(
      '%s: is a valid step of this action',
      (_, example) => {
        const { steps } = parse(fillIn((example as TemplateExample).example));
        expect(steps.length).toBeGreaterThan(0);
        for (const step of steps) {
          expect(step.action).toBe(id);
          const result = inputSchema(z).safeParse(step.input);
          expect(result.success ? [] : result.error.issues).toEqual([]);
        }
      },
    );
  },
);
