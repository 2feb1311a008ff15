export * from './format';
export * from './tones';
export { StatusChip } from './StatusChip';
export { SignalView, EmptyNote } from './SignalView';
export { ReportError } from './ReportError';
export { CompactTable, COMPACT_TABLE_OPTIONS } from './CompactTable';
export type { CompactTableProps } from './CompactTable';
