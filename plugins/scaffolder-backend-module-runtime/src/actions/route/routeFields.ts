import { z as zod } from 'zod/v3';

type Z = typeof zod;

/** A DNS label, or labels joined by dots (a host name), lowercase. */
const HOST =
  /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$/;
const MAX_HOST = 253;

/** A route's `host`: a label under the domain, or a full host under a configured domain. */
export const hostField = (z: Z) =>
  z
    .string()
    .max(MAX_HOST, `must be at most ${MAX_HOST} characters`)
    .regex(
      HOST,
      'must be a DNS label (search-api) or a host name (search-api.apps.dev.example.com): lowercase letters, digits, "-" and "."',
    )
    .describe(
      "The host: a label (search-api, published under domain) or a full host under one of the environment's routes.domains",
    );

/** A route's optional `domain`: one of the environment's `routes.domains`. */
export const domainField = (z: Z) =>
  z
    .string()
    .max(MAX_HOST, `must be at most ${MAX_HOST} characters`)
    .regex(HOST, 'must be a domain such as apps.dev.example.com')
    .optional()
    .describe(
      "The domain a label host goes under, one of the environment's routes.domains; default the first",
    );

/** The backend Service's port. */
export const servicePortField = (z: Z) =>
  z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(65535, 'must be at most 65535')
    .describe('The port of the Kubernetes Service the route sends traffic to');
