import { StatusCause } from '../apiErrors';
import { KubernetesObject, isPlainObject } from '../objects';
import { invalidValue, notSupported, required } from './fieldErrors';
import { cronScheduleProblem } from './cronSchedule';

/**
 * Argo Events' own checks of a Sensor (v1.9.11 `pkg/reconciler/sensor/validate.go` `ValidateSensor`,
 * run by its admission webhook and its controller): dependencies, their filters, triggers (names,
 * templates, the http and k8s triggers, parameters, policies, dead-letter triggers). Enumerations are
 * the Go constants of `pkg/apis/events/v1alpha1`; messages are upstream's. The one rule that depends
 * on the EventBus (NATS: an event referenced twice) is the controller's (`argoEventsController.ts`).
 */

/** `KubernetesResourceOperation`: what a k8s trigger does (empty means create). */
const K8S_TRIGGER_OPERATIONS = ['create', 'update', 'patch', 'delete'];
/** The methods `validateHTTPTrigger` accepts (`http.Method*`). */
const HTTP_TRIGGER_METHODS = ['GET', 'DELETE', 'PATCH', 'POST', 'PUT'];
/** `TriggerParameterOperation` (empty means overwrite). */
const TRIGGER_PARAMETER_OPERATIONS = ['append', 'overwrite', 'prepend'];
/** `LogicalOperator` of filters (empty means and). */
const LOGICAL_OPERATORS = ['and', 'or'];
/** `Comparator` of a data filter (empty means `=`). */
const DATA_FILTER_COMPARATORS = ['>=', '>', '=', '!=', '<', '<='];

const isEmpty = (value: unknown) => value === undefined || value === '';

function checkEnum(
  causes: StatusCause[],
  field: string,
  value: unknown,
  supported: string[],
) {
  if (typeof value === 'string' && value !== '' && !supported.includes(value)) {
    causes.push(notSupported(field, value, supported));
  }
}

function isTimeZone(zone: string): boolean {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return true;
  try {
    return Boolean(new Intl.DateTimeFormat('en-US', { timeZone: zone }));
  } catch {
    return false;
  }
}

function checkFilters(causes: StatusCause[], field: string, filters: any) {
  if (!isPlainObject(filters)) return;
  checkEnum(
    causes,
    `${field}.exprLogicalOperator`,
    filters.exprLogicalOperator,
    LOGICAL_OPERATORS,
  );
  checkEnum(
    causes,
    `${field}.dataLogicalOperator`,
    filters.dataLogicalOperator,
    LOGICAL_OPERATORS,
  );
  (Array.isArray(filters.exprs) ? filters.exprs : []).forEach(
    (expr: any, i: number) => {
      if (!isPlainObject(expr)) return;
      const path = `${field}.exprs[${i}]`;
      const fields = Array.isArray(expr.fields) ? expr.fields : [];
      if (isEmpty(expr.expr) || fields.length === 0) {
        causes.push(
          required(
            path,
            'one of expr filters is not valid (expr and fields must be not empty)',
          ),
        );
      }
      fields.forEach((f: any, j: number) => {
        if (isPlainObject(f) && (isEmpty(f.path) || isEmpty(f.name))) {
          causes.push(
            required(
              `${path}.fields[${j}]`,
              'one of expr filters is not valid (path and name in a field must be not empty)',
            ),
          );
        }
      });
    },
  );
  (Array.isArray(filters.data) ? filters.data : []).forEach(
    (data: any, i: number) => {
      if (!isPlainObject(data)) return;
      const path = `${field}.data[${i}]`;
      checkEnum(
        causes,
        `${path}.comparator`,
        data.comparator,
        DATA_FILTER_COMPARATORS,
      );
      const values = Array.isArray(data.value) ? data.value : [];
      if (isEmpty(data.path) || isEmpty(data.type) || values.length === 0) {
        causes.push(
          required(
            path,
            'one of data filters is not valid (type, path and value must be not empty)',
          ),
        );
      } else if (values.some((v: unknown) => v === '')) {
        causes.push(
          required(
            `${path}.value`,
            'one of data filters is not valid (value must be not empty)',
          ),
        );
      }
    },
  );
  const context = filters.context;
  if (
    isPlainObject(context) &&
    ['type', 'subject', 'source', 'datacontenttype'].every(k =>
      isEmpty(context[k]),
    )
  ) {
    causes.push(
      required(
        `${field}.context`,
        'no fields specified in ctx filter (aka all events will be discarded)',
      ),
    );
  }
  const time = filters.time;
  if (
    isPlainObject(time) &&
    typeof time.timezone === 'string' &&
    !isTimeZone(time.timezone)
  ) {
    causes.push(
      invalidValue(
        `${field}.time.timezone`,
        time.timezone,
        `invalid timezone '${time.timezone}'`,
      ),
    );
  }
}

function checkDependencies(causes: StatusCause[], dependencies: unknown) {
  if (!Array.isArray(dependencies)) return;
  if (dependencies.length === 0) {
    causes.push(required('spec.dependencies', 'no event dependencies found'));
    return;
  }
  dependencies.forEach((dep: any, i: number) => {
    if (!isPlainObject(dep)) return;
    const field = `spec.dependencies[${i}]`;
    if (dep.name === '')
      causes.push(
        required(`${field}.name`, 'event dependency must define a name'),
      );
    if (dep.eventSourceName === '')
      causes.push(
        required(
          `${field}.eventSourceName`,
          'event dependency must define the EventSourceName',
        ),
      );
    if (dep.eventName === '')
      causes.push(
        required(
          `${field}.eventName`,
          'event dependency must define the EventName',
        ),
      );
    checkEnum(
      causes,
      `${field}.filtersLogicalOperator`,
      dep.filtersLogicalOperator,
      LOGICAL_OPERATORS,
    );
    checkFilters(causes, `${field}.filters`, dep.filters);
  });
}

function checkParameter(
  causes: StatusCause[],
  field: string,
  parameter: any,
  needsDest: boolean,
) {
  if (!isPlainObject(parameter)) return;
  if (!isPlainObject(parameter.src)) {
    causes.push(required(`${field}.src`, "parameter source can't be empty"));
  } else if (parameter.src.dependencyName === '') {
    causes.push(
      required(
        `${field}.src.dependencyName`,
        "parameter dependency name can't be empty",
      ),
    );
  }
  if (needsDest && parameter.dest === '')
    causes.push(
      required(`${field}.dest`, "parameter destination can't be empty"),
    );
  checkEnum(
    causes,
    `${field}.operation`,
    parameter.operation,
    TRIGGER_PARAMETER_OPERATIONS,
  );
}

function checkParameters(
  causes: StatusCause[],
  field: string,
  parameters: unknown,
  needsDest = true,
) {
  if (!Array.isArray(parameters)) return;
  parameters.forEach((p, i) =>
    checkParameter(causes, `${field}[${i}]`, p, needsDest),
  );
}

function checkTemplate(causes: StatusCause[], field: string, template: any) {
  if (!isPlainObject(template)) {
    causes.push(required(field, "trigger template can't be nil"));
    return;
  }
  if (template.name === '')
    causes.push(required(`${field}.name`, 'trigger must define a name'));
  (Array.isArray(template.conditionsReset)
    ? template.conditionsReset
    : []
  ).forEach((reset: any, i: number) => {
    const path = `${field}.conditionsReset[${i}]`;
    if (!isPlainObject(reset?.byTime)) {
      causes.push(required(`${path}.byTime`, 'invalid conditionsReset'));
      return;
    }
    const { cron, timezone } = reset.byTime;
    if (typeof cron === 'string' && cronScheduleProblem(cron)) {
      causes.push(
        invalidValue(
          `${path}.byTime.cron`,
          cron,
          `invalid cron expression ${JSON.stringify(cron)}`,
        ),
      );
    }
    if (typeof timezone === 'string' && !isTimeZone(timezone)) {
      causes.push(
        invalidValue(
          `${path}.byTime.timezone`,
          timezone,
          `invalid timezone ${JSON.stringify(timezone)}`,
        ),
      );
    }
  });
  const k8s = template.k8s;
  if (isPlainObject(k8s)) {
    if (!isPlainObject(k8s.source))
      causes.push(
        required(
          `${field}.k8s.source`,
          'k8s trigger does not contain an absolute action',
        ),
      );
    checkEnum(
      causes,
      `${field}.k8s.operation`,
      k8s.operation,
      K8S_TRIGGER_OPERATIONS,
    );
    checkParameters(causes, `${field}.k8s.parameters`, k8s.parameters);
  }
  const http = template.http;
  if (isPlainObject(http)) {
    if (http.url === '')
      causes.push(required(`${field}.http.url`, 'server URL is not specified'));
    checkEnum(
      causes,
      `${field}.http.method`,
      http.method,
      HTTP_TRIGGER_METHODS,
    );
    checkParameters(causes, `${field}.http.parameters`, http.parameters);
    // validateTriggerParameterForHTTP: a payload parameter needs no `dest` check.
    checkParameters(causes, `${field}.http.payload`, http.payload, false);
  }
}

function checkPolicy(causes: StatusCause[], field: string, trigger: any) {
  const policy = trigger.policy;
  const template = trigger.template;
  if (!isPlainObject(policy) || !isPlainObject(template)) return;
  if (
    (template.k8s || template.argoWorkflow) &&
    isPlainObject(policy.k8s) &&
    policy.k8s.labels === undefined
  ) {
    causes.push(
      required(
        `${field}.policy.k8s.labels`,
        'resource labels are not specified',
      ),
    );
  }
}

function checkTrigger(causes: StatusCause[], field: string, trigger: any) {
  if (!isPlainObject(trigger)) return;
  checkTemplate(causes, `${field}.template`, trigger.template);
  checkPolicy(causes, field, trigger);
  checkParameters(causes, `${field}.parameters`, trigger.parameters);
  if (isPlainObject(trigger.dlqTrigger)) {
    if (trigger.atLeastOnce !== true) {
      causes.push(
        invalidValue(
          `${field}.atLeastOnce`,
          trigger.atLeastOnce ?? false,
          'to use dlqTrigger, trigger.atLeastOnce must be set to true',
        ),
      );
    }
    if (trigger.dlqTrigger.atLeastOnce !== true) {
      causes.push(
        invalidValue(
          `${field}.dlqTrigger.atLeastOnce`,
          trigger.dlqTrigger.atLeastOnce ?? false,
          'atLeastOnce must be set to true within the dlqTrigger',
        ),
      );
    }
    checkTrigger(causes, `${field}.dlqTrigger`, trigger.dlqTrigger);
  }
}

function checkTriggers(causes: StatusCause[], triggers: unknown) {
  if (!Array.isArray(triggers)) return;
  if (triggers.length === 0) {
    causes.push(required('spec.triggers', 'no triggers found'));
    return;
  }
  const names = new Set<string>();
  triggers.forEach((trigger: any, i: number) => {
    const field = `spec.triggers[${i}]`;
    checkTrigger(causes, field, trigger);
    const name = trigger?.template?.name;
    if (typeof name !== 'string' || name === '') return;
    if (names.has(name)) {
      causes.push(
        invalidValue(
          `${field}.template.name`,
          name,
          `duplicate trigger name: ${name}`,
        ),
      );
    }
    names.add(name);
  });
}

/** Argo Events' rules for a Sensor's spec (already checked against the schema's types). */
export function validateSensorRules(object: KubernetesObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const spec = object.spec;
  if (!isPlainObject(spec)) return causes;
  checkDependencies(causes, spec.dependencies);
  checkTriggers(causes, spec.triggers);
  return causes;
}

/**
 * The rule of `validateDependencies` that needs the EventBus: on a NATS (streaming) bus, one event of
 * one EventSource may back only one dependency. Returns upstream's message, or undefined.
 */
export function natsDependencyProblem(
  sensor: KubernetesObject,
  eventBus: KubernetesObject,
): string | undefined {
  if (!isPlainObject(eventBus.spec?.nats)) return undefined;
  const seen = new Set<string>();
  for (const dep of sensor.spec?.dependencies ?? []) {
    const key = `${dep.eventSourceName}-$$$-${dep.eventName}`;
    if (seen.has(key)) {
      return `event '${dep.eventName}' from EventSource '${dep.eventSourceName}' is referenced for more than one dependency in this Sensor object`;
    }
    seen.add(key);
  }
  return undefined;
}
