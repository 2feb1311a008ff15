export { RuntimeEnvironmentPicker } from './RuntimeEnvironmentPicker';
