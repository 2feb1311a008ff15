export { withAuditEvent } from './withAuditEvent';
