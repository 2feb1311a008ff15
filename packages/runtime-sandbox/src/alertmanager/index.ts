export {
  startAlertmanagerServer,
  SANDBOX_ALERT_RECEIVER,
} from './startAlertmanagerServer';
