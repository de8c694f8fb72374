/**
 * AWS list prices (us-east-1, on-demand, Lambda on arm64) as published in 2025, and the cost per
 * million calls (log lines) they give for measured per-request and per-call figures. Prices change:
 * check them before quoting these figures.
 */
export const PRICES = {
  apiGatewayRestPerMillionRequests: 3.5,
  lambdaPerMillionRequests: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  kinesisOnDemandIngestPerGb: 0.08,
  kinesisOnDemandRetrievalPerGb: 0.04,
  dynamodbOnDemandPerMillionWrites: 0.625,
  dynamodbOnDemandPerMillionReads: 0.125,
} as const;

export interface IntakeMeasures {
  readonly linesPerRequest: number;
  readonly handlerMsPerRequest: number;
  /** Bytes on the stream per call (envelope JSON, signature). */
  readonly bytesPerCall: number;
  readonly consumerMsPerCall: number;
  readonly consumerWritesPerCall: number;
}

/** USD per million calls, by item (1 GB Lambda memory for both functions, as deployed). */
export function costPerMillion(m: IntakeMeasures): Record<string, number> {
  const requests = 1e6 / m.linesPerRequest;
  const gb = (1e6 * m.bytesPerCall) / 1024 ** 3;
  const items = {
    'API Gateway REST requests': (requests / 1e6) * PRICES.apiGatewayRestPerMillionRequests,
    'intake Lambda (requests + GB-s)':
      (requests / 1e6) * PRICES.lambdaPerMillionRequests +
      requests * (m.handlerMsPerRequest / 1000) * PRICES.lambdaArmPerGbSecond,
    // Per request: the key lookup (eventually consistent, half a read unit) and the quota window.
    'intake DynamoDB (key read + quota write)':
      (requests * 0.5 * PRICES.dynamodbOnDemandPerMillionReads) / 1e6 +
      (requests * PRICES.dynamodbOnDemandPerMillionWrites) / 1e6,
    'Kinesis on-demand (ingest + retrieval)':
      gb * (PRICES.kinesisOnDemandIngestPerGb + PRICES.kinesisOnDemandRetrievalPerGb),
    'consumer Lambda (GB-s)': 1e6 * (m.consumerMsPerCall / 1000) * PRICES.lambdaArmPerGbSecond,
    // Write units assume items under 1 KB; endpoint items with many samples can take 2-3.
    'consumer DynamoDB writes': m.consumerWritesPerCall * PRICES.dynamodbOnDemandPerMillionWrites,
  };
  return { ...items, total: Object.values(items).reduce((a, b) => a + b, 0) };
}
