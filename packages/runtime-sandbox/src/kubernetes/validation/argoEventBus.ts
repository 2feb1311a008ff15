import { StatusCause } from '../apiErrors';
import { KubernetesObject, deepEqual, isPlainObject } from '../objects';
import { invalidValue, required } from './fieldErrors';

/**
 * Argo Events' own checks of an EventBus (v1.9.11): `ValidateEventBus`
 * (`pkg/reconciler/eventbus/validate.go`) on every write, and on an update that changes the spec the
 * immutability rules of its admission webhook (`pkg/webhook/validator/eventbus.go` `ValidateUpdate`).
 * Messages are upstream's.
 */

function forbidden(field: string, detail: string): StatusCause {
  return {
    reason: 'FieldValueForbidden',
    message: `Forbidden: ${detail}`,
    field,
  };
}

const isEmpty = (value: unknown) => value === undefined || value === '';

function validateSpec(spec: Record<string, any>): StatusCause[] {
  const { nats, jetstream, kafka, jetstreamExotic } = spec;
  if (!nats && !jetstream && !kafka && !jetstreamExotic) {
    return [
      required(
        'spec',
        'invalid spec: either "nats", "jetstream", "jetstreamExotic", or "kafka" needs to be specified',
      ),
    ];
  }
  const causes: StatusCause[] = [];
  if (isPlainObject(nats)) {
    if (nats.native && nats.exotic) {
      causes.push(
        forbidden(
          'spec.nats',
          '"spec.nats.native" and "spec.nats.exotic" can not be defined together',
        ),
      );
    } else if (!nats.native && !nats.exotic) {
      causes.push(
        required('spec.nats', 'either "native" or "exotic" must be defined'),
      );
    } else if (isPlainObject(nats.exotic)) {
      if (nats.exotic.clusterID === undefined)
        causes.push(
          required(
            'spec.nats.exotic.clusterID',
            '"spec.nats.exotic.clusterID" is missing',
          ),
        );
      if (isEmpty(nats.exotic.url))
        causes.push(
          required('spec.nats.exotic.url', '"spec.nats.exotic.url" is missing'),
        );
    }
  }
  if (isPlainObject(jetstream)) {
    if (isEmpty(jetstream.version)) {
      causes.push(
        required(
          'spec.jetstream.version',
          'invalid spec: a version for jetstream needs to be specified',
        ),
      );
    }
    const replicas = jetstream.replicas;
    if (typeof replicas === 'number' && (replicas === 2 || replicas <= 0)) {
      causes.push(
        invalidValue(
          'spec.jetstream.replicas',
          replicas,
          'invalid spec: a jetstream eventbus requires 1 replica or >= 3 replicas',
        ),
      );
    }
  }
  if (isPlainObject(kafka) && isEmpty(kafka.url))
    causes.push(required('spec.kafka.url', '"spec.kafka.url" is missing'));
  if (isPlainObject(jetstreamExotic) && isEmpty(jetstreamExotic.url))
    causes.push(
      required(
        'spec.jetstreamExotic.url',
        '"spec.jetstreamExotic.url" is missing',
      ),
    );
  return causes;
}

/** `authChanged`: `none` counts as no auth. */
function authChanged(old: unknown, next: unknown): boolean {
  if (old === undefined && next === undefined) return false;
  if (old === undefined) return next !== 'none';
  if (next === undefined) return old !== 'none';
  return old !== next;
}

function validateUpdate(
  spec: Record<string, any>,
  oldSpec: Record<string, any>,
): StatusCause[] {
  const change = 'Can not change event bus implementation';
  if (spec.nats) {
    if (!oldSpec.nats) return [forbidden('spec', change)];
    if (spec.nats.native) {
      if (!oldSpec.nats.native)
        return [
          forbidden(
            'spec.nats',
            'Can not change NATS event bus implementation from exotic to native',
          ),
        ];
      if (authChanged(oldSpec.nats.native.auth, spec.nats.native.auth))
        return [
          forbidden(
            'spec.nats.native.auth',
            '"spec.nats.native.auth" is immutable, can not be updated',
          ),
        ];
    } else if (spec.nats.exotic) {
      if (!oldSpec.nats.exotic)
        return [
          forbidden(
            'spec.nats',
            'Can not change NATS event bus implementation from native to exotic',
          ),
        ];
      if (authChanged(oldSpec.nats.exotic.auth, spec.nats.exotic.auth))
        return [
          forbidden(
            'spec.nats.exotic.auth',
            '"spec.nats.exotic.auth" is immutable, can not be updated',
          ),
        ];
    }
  } else if (spec.jetstream) {
    if (!oldSpec.jetstream) return [forbidden('spec', change)];
    const before = oldSpec.jetstream.streamConfig;
    const after = spec.jetstream.streamConfig;
    if ((before === undefined) !== (after === undefined)) {
      return [
        forbidden(
          'spec.jetstream.streamConfig',
          '"spec.jetstream.streamConfig" is immutable, can not be updated',
        ),
      ];
    }
    if (before !== undefined && before !== after) {
      return [
        forbidden(
          'spec.jetstream.streamConfig',
          `"spec.jetstream.streamConfig" is immutable, can not be updated, old value='${before}', new value='${after}'`,
        ),
      ];
    }
  } else if (spec.jetstreamExotic && !oldSpec.jetstreamExotic) {
    return [forbidden('spec', change)];
  }
  return [];
}

/** Argo Events' rules for an EventBus; `old` is the stored object on an update. */
export function validateEventBusRules(
  object: KubernetesObject,
  old?: KubernetesObject,
): StatusCause[] {
  const spec = object.spec;
  if (!isPlainObject(spec)) return [];
  const causes = validateSpec(spec);
  if (
    causes.length === 0 &&
    isPlainObject(old?.spec) &&
    !deepEqual(old!.spec, spec)
  ) {
    causes.push(...validateUpdate(spec, old!.spec));
  }
  return causes;
}
