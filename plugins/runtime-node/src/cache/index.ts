export { CoalescingCache } from './CoalescingCache';
