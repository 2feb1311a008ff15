export * from './format';
export * from './tones';
export { StatusChip } from './StatusChip';
export { SignalView, EmptyNote } from './SignalView';
export { ReportError } from './ReportError';
export { SimpleTable } from './SimpleTable';
export type { SimpleTableColumn, SimpleTableProps } from './SimpleTable';
