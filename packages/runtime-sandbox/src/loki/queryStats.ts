/** What a query did, for its statistics. */
export interface QueryWork {
  /** Lines looked at and their bytes. */
  linesProcessed: number;
  bytesProcessed: number;
  /** Lines answered. */
  entriesReturned: number;
  /** Wall time of the query, in seconds. */
  execTimeSeconds: number;
}

/** The store statistics of one querier or ingester (`stats.Store`), as nothing was read from chunks. */
function storeStats() {
  return {
    chunksDownloadTime: 0,
    congestionControlLatency: 0,
    totalChunksRef: 0,
    totalChunksDownloaded: 0,
    chunkRefsFetchTime: 0,
    queryReferencedStructuredMetadata: false,
    queryUsedV2Engine: false,
    pipelineWrapperFilteredLines: 0,
    chunk: {
      compressedBytes: 0,
      decompressedBytes: 0,
      decompressedLines: 0,
      decompressedStructuredMetadataBytes: 0,
      headChunkBytes: 0,
      headChunkLines: 0,
      headChunkStructuredMetadataBytes: 0,
      postFilterLines: 0,
      totalDuplicates: 0,
    },
    dataobj: {
      pageBatches: 0,
      pagesDownloaded: 0,
      pagesDownloadedBytes: 0,
      pagesScanned: 0,
      postFilterRows: 0,
      postPredicateRows: 0,
      postPredicateDecompressedBytes: 0,
      postPredicateStructuredMetadataBytes: 0,
      prePredicateDecompressedRows: 0,
      prePredicateDecompressedBytes: 0,
      prePredicateDecompressedStructuredMetadataBytes: 0,
      totalPageDownloadTime: 0,
      totalRowsAvailable: 0,
    },
  };
}

/** One cache's statistics (`stats.Cache`): the sandbox has no cache. */
function cacheStats() {
  return {
    entriesFound: 0,
    entriesRequested: 0,
    entriesStored: 0,
    bytesReceived: 0,
    bytesSent: 0,
    requests: 0,
    downloadTime: 0,
    queryLengthServed: 0,
  };
}

/**
 * The `stats` object Loki puts in every query answer (`stats.Result` of grafana/loki v3.7
 * `pkg/logqlmodel/stats`, every field present as `pkg/util/marshal` writes it): the sandbox reads
 * its lines from the ingester's head, so only the ingester's head-chunk counts and the summary are
 * non-zero.
 */
export function queryStats(work: QueryWork) {
  const perSecond = (n: number) =>
    work.execTimeSeconds > 0 ? Math.round(n / work.execTimeSeconds) : 0;
  const ingesterStore = storeStats();
  ingesterStore.chunk.headChunkBytes = work.bytesProcessed;
  ingesterStore.chunk.headChunkLines = work.linesProcessed;
  ingesterStore.chunk.postFilterLines = work.entriesReturned;
  return {
    index: {
      bloomFilterTime: 0,
      chunkRefsLookupTime: 0,
      postFilterChunks: 0,
      totalChunks: 0,
      totalStreams: 0,
      usedBloomFilters: false,
      shardsDuration: 0,
    },
    ingester: {
      store: ingesterStore,
      totalBatches: work.entriesReturned > 0 ? 1 : 0,
      totalChunksMatched: 0,
      totalLinesSent: work.entriesReturned,
      totalReached: 1,
    },
    querier: { querierExecTime: work.execTimeSeconds, store: storeStats() },
    cache: {
      chunk: cacheStats(),
      index: cacheStats(),
      statsResult: cacheStats(),
      seriesResult: cacheStats(),
      labelResult: cacheStats(),
      volumeResult: cacheStats(),
      instantMetricResult: cacheStats(),
      result: cacheStats(),
    },
    summary: {
      bytesProcessedPerSecond: perSecond(work.bytesProcessed),
      execTime: work.execTimeSeconds,
      linesProcessedPerSecond: perSecond(work.linesProcessed),
      queueTime: 0,
      shards: 1,
      splits: 1,
      subqueries: 1,
      totalBytesProcessed: work.bytesProcessed,
      totalEntriesReturned: work.entriesReturned,
      totalLinesProcessed: work.linesProcessed,
      totalStructuredMetadataBytesProcessed: 0,
      totalPostFilterLines: work.entriesReturned,
    },
  };
}
