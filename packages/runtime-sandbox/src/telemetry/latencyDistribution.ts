/**
 * A latency distribution given by its quantiles: the cumulative distribution is linear between
 * (0, 0), (p50, 0.5), (p95, 0.95), (p99, 0.99) and (2 × p99, 1). Values are in seconds.
 */
export class LatencyDistribution {
  private readonly points: Array<[number, number]>;

  constructor(p50: number, p95: number, p99: number) {
    const a = Math.max(p50, 1e-6);
    const b = Math.max(p95, a);
    const c = Math.max(p99, b);
    this.points = [
      [0, 0],
      [a, 0.5],
      [b, 0.95],
      [c, 0.99],
      [2 * c, 1],
    ];
  }

  /** The share of requests that took at most `seconds`. */
  cdf(seconds: number): number {
    const points = this.points;
    if (seconds <= 0) return 0;
    for (let i = 1; i < points.length; i++) {
      const [x1, y1] = points[i];
      if (seconds <= x1) {
        const [x0, y0] = points[i - 1];
        return x1 === x0 ? y1 : y0 + ((y1 - y0) * (seconds - x0)) / (x1 - x0);
      }
    }
    return 1;
  }

  /** The mean latency. */
  mean(): number {
    let mean = 0;
    for (let i = 1; i < this.points.length; i++) {
      const [x0, y0] = this.points[i - 1];
      const [x1, y1] = this.points[i];
      mean += ((y1 - y0) * (x0 + x1)) / 2;
    }
    return mean;
  }
}
