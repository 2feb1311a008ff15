/** One cumulative bucket of a classic histogram. */
export interface HistogramBucket {
  upperBound: number;
  count: number;
}

/**
 * The φ-quantile of cumulative buckets, exactly as Prometheus's `bucketQuantile` computes it: linear
 * interpolation inside the bucket that holds the rank, NaN without a `+Inf` bucket or observations,
 * the highest finite bound when the rank falls into the `+Inf` bucket.
 */
export function bucketQuantile(q: number, input: HistogramBucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (
    sorted.length === 0 ||
    sorted[sorted.length - 1].upperBound !== Infinity
  ) {
    return NaN;
  }
  const buckets: HistogramBucket[] = [];
  for (const bucket of sorted) {
    const last = buckets[buckets.length - 1];
    if (last && last.upperBound === bucket.upperBound)
      last.count += bucket.count;
    else buckets.push({ ...bucket });
  }
  let max = -Infinity;
  for (const bucket of buckets) {
    if (bucket.count > max) max = bucket.count;
    else bucket.count = max;
  }
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let b = buckets.findIndex(bucket => bucket.count >= rank);
  if (b === -1 || b >= buckets.length - 1) {
    b = buckets.length - 1;
    return buckets[buckets.length - 2].upperBound;
  }
  if (b === 0 && buckets[0].upperBound <= 0) return buckets[0].upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b].upperBound;
  let count = buckets[b].count;
  if (b > 0) {
    bucketStart = buckets[b - 1].upperBound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}
