import {
  goKitJsonLine,
  klogLine,
  klogPrintfLine,
  logrusLine,
  nginxErrorLine,
  nginxTimeLocal,
} from '../logFormats';
import { ComponentLogCatalog, LineContext } from './lineContext';

/** The cluster's routes domain (app-config's `routes.domains`). */
const ROUTES_DOMAIN = 'apps.runtime.local';
const USER_AGENTS = [
  'python-httpx/0.27.2',
  'Go-http-client/1.1',
  'axios/1.7.9',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
];

/** A request through the gateway: a team service's route and the upstream pod serving it. */
function gatewayRequest(ctx: LineContext) {
  const service = ctx.pick(ctx.services, 'service');
  const [method, path] = ctx.pick(
    [
      ['GET', '/healthz'],
      ['GET', '/api/v1/items'],
      ['POST', '/api/v1/search'],
      ['POST', '/v1/chat/completions'],
    ] as const,
    'route',
  );
  return {
    service,
    method,
    path,
    host: `${service.name}.${ROUTES_DOMAIN}`,
    client: `10.42.0.${ctx.int(2, 250, 'client')}`,
    upstream: `10.42.${ctx.int(0, 7, 'upstream-net')}.${ctx.int(
      2,
      250,
      'upstream-host',
    )}:8080`,
  };
}

/** The `client: …, server: …, request: …, upstream: …, host: …` tail of nginx's proxy errors. */
function proxyContext(ctx: LineContext): string {
  const r = gatewayRequest(ctx);
  return `client: ${r.client}, server: _, request: "${r.method} ${r.path} HTTP/1.1", upstream: "http://${r.upstream}${r.path}", host: "${r.host}"`;
}

const NGINX_UPSTREAM_ERRORS = [
  'upstream timed out (110: Operation timed out) while reading response header from upstream',
  'connect() failed (111: Connection refused) while connecting to upstream',
  'upstream prematurely closed connection while reading response header from upstream',
];

/** Apache APISIX 3: its nginx access log (the chart's default format) and nginx/Lua error log. */
export const apisixLogs: ComponentLogCatalog = {
  info: [
    ctx => {
      const r = gatewayRequest(ctx);
      const seconds = (ctx.int(2, 180, 'duration') / 1000).toFixed(3);
      return `${r.client} - - [${nginxTimeLocal(ctx.timeMs)}] ${r.host} "${
        r.method
      } ${r.path} HTTP/1.1" 200 ${ctx.int(
        120,
        9000,
        'bytes',
      )} ${seconds} "-" "${ctx.pick(USER_AGENTS, 'agent')}" ${
        r.upstream
      } 200 ${seconds} "http://${r.host}:80${r.path}"`;
    },
  ],
  warn: [
    ctx =>
      nginxErrorLine(
        'warn',
        ctx.timeMs,
        ctx.int(1000, 99999, 'connection'),
        `an upstream response is buffered to a temporary file /usr/local/apisix/proxy_temp/${ctx.int(
          1,
          9,
          'temp',
        )}/00/00000${ctx.int(
          10000,
          99999,
          'file',
        )} while reading upstream, ${proxyContext(ctx)}`,
      ),
  ],
  error: [
    ctx =>
      nginxErrorLine(
        'error',
        ctx.timeMs,
        ctx.int(1000, 99999, 'connection'),
        `${ctx.pick(NGINX_UPSTREAM_ERRORS, 'error')}, ${proxyContext(ctx)}`,
      ),
    ctx =>
      nginxErrorLine(
        'error',
        ctx.timeMs,
        ctx.int(1000, 99999, 'connection'),
        `[lua] init.lua:${ctx.pick(
          [522, 551],
          'line',
        )}: http_access_phase(): failed to set upstream: no valid upstream node, ${proxyContext(
          ctx,
        )}`,
      ),
  ],
};

/** MetalLB 0.14's controller and speakers: go-kit JSON. */
export const metallbLogs: ComponentLogCatalog = {
  info: [
    ctx =>
      goKitJsonLine('info', ctx.timeMs, 'service_controller.go:60', {
        controller: 'ServiceReconciler',
        'start reconcile': `${ctx.component.namespace}/apisix-gateway`,
      }),
    ctx =>
      goKitJsonLine('info', ctx.timeMs, 'service_controller.go:111', {
        controller: 'ServiceReconciler',
        'end reconcile': `${ctx.component.namespace}/apisix-gateway`,
      }),
  ],
  warn: [],
  error: [
    ctx =>
      goKitJsonLine('error', ctx.timeMs, 'service.go:150', {
        error: 'no available IPs',
        msg: 'IP allocation failed',
        op: 'allocateIPs',
        service: ctx.pick(
          ctx.services.map(s => `${s.namespace}/${s.name}-lb`),
          'service',
        ),
      }),
  ],
};

/** ingress-nginx 1.12: the controller's access log (its default `log-format-upstream`), klog and nginx errors. */
export const ingressNginxLogs: ComponentLogCatalog = {
  info: [
    ctx => {
      const r = gatewayRequest(ctx);
      const seconds = (ctx.int(2, 180, 'duration') / 1000).toFixed(3);
      const bytes = ctx.int(120, 9000, 'bytes');
      return `${r.client} - - [${nginxTimeLocal(ctx.timeMs)}] "${r.method} ${
        r.path
      } HTTP/1.1" 200 ${bytes} "-" "${ctx.pick(
        USER_AGENTS,
        'agent',
      )}" ${ctx.int(80, 900, 'length')} ${seconds} [${r.service.namespace}-${
        r.service.name
      }-8080] [] ${r.upstream} ${bytes} ${seconds} 200 ${ctx.hex(16, 'req')}`;
    },
  ],
  warn: [
    ctx => {
      const service = ctx.pick(ctx.services, 'service');
      return klogPrintfLine(
        'warn',
        ctx.timeMs,
        'controller.go:1216',
        `Service "${service.namespace}/${service.name}" does not have any active Endpoint.`,
      );
    },
  ],
  error: [
    ctx =>
      nginxErrorLine(
        'error',
        ctx.timeMs,
        ctx.int(1000, 99999, 'connection'),
        `${ctx.pick(NGINX_UPSTREAM_ERRORS, 'error')}, ${proxyContext(ctx)}`,
      ),
  ],
};

/** external-dns 0.15 (logrus) keeping the routes' records in the DNS provider. */
export const externalDnsLogs: ComponentLogCatalog = {
  info: [
    ctx => logrusLine('info', ctx.timeMs, 'All records are already up to date'),
    ctx =>
      logrusLine(
        'info',
        ctx.timeMs,
        `Applying provider record filter for domains: [${ROUTES_DOMAIN}. .${ROUTES_DOMAIN}.]`,
      ),
  ],
  warn: [],
  error: [
    ctx =>
      logrusLine(
        'error',
        ctx.timeMs,
        `Failed to do run once: soft error\nrecords retrieval failed: failed to list records: Get "https://dns.${ROUTES_DOMAIN}/api/v1/zones/${ROUTES_DOMAIN}/records": context deadline exceeded`,
      ),
  ],
};

/** cert-manager 1.16's controller: structured klog. */
export const certManagerLogs: ComponentLogCatalog = {
  info: [
    ctx => {
      const service = ctx.pick(ctx.services, 'service');
      return klogLine(
        'info',
        ctx.timeMs,
        'trigger_controller.go:223',
        'Certificate must be re-issued',
        [
          ['logger', 'cert-manager.controller'],
          ['key', `${service.namespace}/${service.name}-tls`],
          ['reason', 'Renewing'],
          [
            'message',
            'Renewing certificate as renewal was scheduled at 2025-01-15 00:00:00 +0000 UTC',
          ],
        ],
      );
    },
    ctx => {
      const service = ctx.pick(ctx.services, 'service');
      return klogLine(
        'info',
        ctx.timeMs,
        'conditions.go:263',
        'Setting lastTransitionTime for Certificate condition',
        [
          ['logger', 'cert-manager.controller'],
          ['certificate', `${service.namespace}/${service.name}-tls`],
          ['condition', 'Ready'],
        ],
      );
    },
  ],
  warn: [],
  error: [
    ctx => {
      const service = ctx.pick(ctx.services, 'service');
      return klogLine(
        'error',
        ctx.timeMs,
        'controller.go:157',
        're-queuing item due to error processing',
        [
          [
            'err',
            ctx.pick(
              [
                `Internal error occurred: failed calling webhook "webhook.cert-manager.io": failed to call webhook: Post "https://cert-manager-webhook.${ctx.component.namespace}.svc:443/validate?timeout=30s": context deadline exceeded`,
                'secrets "runtime-ca" not found',
              ],
              'error',
            ),
          ],
          ['logger', 'cert-manager.controller'],
          ['key', `${service.namespace}/${service.name}-tls`],
        ],
      );
    },
  ],
};
