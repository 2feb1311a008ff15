import { z as zod } from 'zod/v3';

const MAX_ARGS = 32;
const MAX_ARG_LENGTH = 512;
const MAX_ENV = 32;
const MAX_ENV_NAME = 128;
const MAX_ENV_VALUE = 4096;

/** A C identifier, as KubeAI's env names end up in the server container's environment. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Printable text: no control characters (newlines included). */
function printable(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

/**
 * Environment variables KubeAI sets on the model server (per engine, and the model source's
 * credentials from the portal's secrets: see KubeAI's `engine_*.go` and `model_source.go`). A Model's
 * `spec.env` is added after them, so it could replace them: never allowed.
 */
const RESERVED_ENV = new Set([
  // vLLM
  'VLLM_ALLOW_RUNTIME_LORA_UPDATING',
  // Ollama
  'OLLAMA_HOST',
  'OLLAMA_KEEP_ALIVE',
  'OLLAMA_MODELS',
  // Infinity
  'INFINITY_MODEL_ID',
  'INFINITY_SERVED_MODEL_NAME',
  'INFINITY_URL_PREFIX',
  'INFINITY_ENGINE',
  'INFINITY_PORT',
  // FasterWhisper
  'WHISPER__MODEL',
  'ENABLE_UI',
  // Model source credentials
  'HF_TOKEN',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'OSS_ACCESS_KEY_ID',
  'OSS_ACCESS_KEY_SECRET',
]);

/**
 * Engine flags KubeAI sets itself (the model, the name clients send, where the server listens):
 * `spec.args` come after them, so they could replace them: never allowed.
 */
const RESERVED_FLAGS = new Set([
  '--model',
  '--model-id',
  '--served-model-name',
  '--host',
  '--port',
  '--uds',
  '--url-prefix',
  '--root-path',
]);

/** The flag an argument sets (`--port=9000` and `--port` set `--port`), or `undefined`. */
function flagOf(arg: string): string | undefined {
  return arg.startsWith('-') ? arg.split('=', 1)[0] : undefined;
}

/** Extra engine arguments (`spec.args`): bounded, printable, never a flag KubeAI sets. */
export const modelArgsSchema = (z: typeof zod) =>
  z
    .array(
      z
        .string()
        .min(1, 'must not be empty')
        .max(MAX_ARG_LENGTH, `must be at most ${MAX_ARG_LENGTH} characters`)
        .refine(printable, 'must not contain control characters')
        .refine(arg => !RESERVED_FLAGS.has(flagOf(arg) ?? ''), {
          message: `sets a flag KubeAI sets for the portal (${[
            ...RESERVED_FLAGS,
          ].join(', ')})`,
        }),
    )
    .max(MAX_ARGS, `must have at most ${MAX_ARGS} arguments`)
    .optional()
    .describe(
      'Extra engine arguments, e.g. --max-model-len=8192 (not --model, --served-model-name, --host or --port)',
    );

/**
 * Environment variables of the engine (`spec.env`): names are C identifiers, not one KubeAI sets,
 * values bounded and printable. Errors name the variable, never its value.
 */
export const modelEnvSchema = (z: typeof zod) =>
  z
    .record(
      z
        .string()
        .max(MAX_ENV_VALUE, `must be at most ${MAX_ENV_VALUE} characters`)
        .refine(printable, 'must not contain control characters'),
    )
    .superRefine((env, ctx) => {
      const names = Object.keys(env);
      if (names.length > MAX_ENV) {
        ctx.addIssue({
          code: 'custom',
          message: `must have at most ${MAX_ENV} variables`,
        });
      }
      for (const name of names) {
        const problem =
          (name.length > MAX_ENV_NAME &&
            `must be at most ${MAX_ENV_NAME} characters`) ||
          (!ENV_NAME.test(name) &&
            'must be a C identifier (letters, digits and _, not starting with a digit)') ||
          (RESERVED_ENV.has(name.toUpperCase()) &&
            'is set by KubeAI for the portal and may not be overridden');
        if (problem) {
          ctx.addIssue({
            code: 'custom',
            path: [
              name.length <= MAX_ENV_NAME && ENV_NAME.test(name)
                ? name
                : '<name>',
            ],
            message: problem,
          });
        }
      }
    })
    .optional()
    .describe(
      'Environment variables of the engine (no secrets, and none KubeAI sets such as HF_TOKEN)',
    );
