import { keycloakLogs, openbaoLogs, openfgaLogs } from './accessSecurityLogs';
import { argoCdLogs, gitlabLogs, harborLogs } from './deliveryLogs';
import { fasterWhisperLogs, kubeaiLogs, vllmLogs } from './inferenceLogs';
import { ComponentLogCatalog } from './lineContext';
import {
  alloyLogs,
  grafanaLogs,
  lokiLogs,
  prometheusLogs,
  tempoLogs,
} from './monitoringLogs';
import {
  apisixLogs,
  certManagerLogs,
  externalDnsLogs,
  ingressNginxLogs,
  metallbLogs,
} from './networkLogs';
import {
  argoEventsLogs,
  minioLogs,
  pgadminLogs,
  postgresqlLogs,
  temporalLogs,
} from './workflowsDataLogs';

export type { ComponentLogCatalog, LineWriter } from './lineContext';
export { lineContext } from './lineContext';

/** What each runtime component logs, by the component's name in the seed. */
export const COMPONENT_LOG_CATALOGS: Record<string, ComponentLogCatalog> = {
  apisix: apisixLogs,
  metallb: metallbLogs,
  'ingress-nginx': ingressNginxLogs,
  'external-dns': externalDnsLogs,
  'cert-manager': certManagerLogs,
  keycloak: keycloakLogs,
  openfga: openfgaLogs,
  openbao: openbaoLogs,
  kubeai: kubeaiLogs,
  vllm: vllmLogs,
  'faster-whisper': fasterWhisperLogs,
  'argo-events': argoEventsLogs,
  temporal: temporalLogs,
  postgresql: postgresqlLogs,
  pgadmin: pgadminLogs,
  minio: minioLogs,
  grafana: grafanaLogs,
  prometheus: prometheusLogs,
  loki: lokiLogs,
  alloy: alloyLogs,
  tempo: tempoLogs,
  harbor: harborLogs,
  gitlab: gitlabLogs,
  'argo-cd': argoCdLogs,
};
