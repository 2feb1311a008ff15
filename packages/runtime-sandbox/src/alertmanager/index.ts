export {
  startAlertmanagerServer,
  SANDBOX_ALERT_RECEIVER,
} from './startAlertmanagerServer';
export { labelSetFingerprint } from './fingerprint';
