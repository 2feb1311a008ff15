export * from './signal';
export * from './observability';
export * from './delivery';
export * from './resourceDetails';
export * from './componentHealth';
export * from './approvals';
export * from './componentAlerts';
