export { RuntimePage, RuntimePageContent } from './RuntimePage';
