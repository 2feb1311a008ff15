export { Sparkline } from './Sparkline';
export { LineChart } from './LineChart';
