export * from './format';
export * from './tones';
export { StatusChip } from './StatusChip';
export { SignalView, EmptyNote } from './SignalView';
export { ReportError } from './ReportError';
export { CompactTable } from './CompactTable';
export { CodeBlock } from './CodeBlock';
