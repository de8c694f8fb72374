/**
 * The inventory core end to end, as the CLI and benchmarks run it: log batches -> parse -> template
 * -> aggregate, applying the templater's merges to the aggregates as they happen.
 */
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import type { Quarantined } from '#events/quarantine.schema';
import { noCallerClassifier, type CallClassifier } from '#shared/classify/call-classifier';
import { parseLog, type ParseLogOptions } from '#shared/logs/parse-log';
import { parseOptionsFor } from './parse-options.ts';
import { InventoryAggregator } from './aggregate.ts';
import { Templater } from './templater.ts';
import type { CountedCall } from './packed-calls.ts';

export interface InventoryReport {
  endpoints: EndpointSummary[];
  quarantined: number;
  lines: number;
  /** The first quarantined lines, for display. */
  quarantine: Quarantined[];
}

export interface LogSource {
  readonly batches: AsyncIterable<string[]>;
  readonly origin?: string;
}

export interface AnalyzeOptions {
  readonly format: ParseLogOptions['format'];
  readonly templater?: Templater;
  readonly defaultHost?: string;
  /** Tenant settings and geo databases for the endpoints' classification. */
  readonly classifier?: CallClassifier;
  /**
   * `false` turns per-call classification off (sensitive data, auth refinement, caller traits):
   * only to measure its cost (bench/classification-overhead.ts). Default on.
   */
  readonly classify?: boolean;
}

const QUARANTINE_SHOWN = 100;

/** Analyzes several logs into one inventory: `await analyzeLogs([{ batches: readLineBatches(f) }], { format: 'auto' })`. */
export async function analyzeLogs(
  sources: readonly LogSource[],
  options: AnalyzeOptions,
): Promise<InventoryReport> {
  return countBatches(
    (async function* () {
      for (const source of sources) yield* parseLog(source.batches, parseOptionsFor(source.origin, options));
    })(),
    options,
  );
}

/** A parsed batch as counting reads it: `ParsedBatch`, or one unpacked from a worker's message. */
export interface CountableBatch {
  readonly calls: readonly CountedCall[];
  readonly quarantined: readonly Quarantined[];
  readonly lines: number;
}

/**
 * Templates and counts parsed batches, in order, into the report. The templater's merges are applied
 * at the end of each batch, so the same batches give the same inventory wherever they were parsed.
 */
export async function countBatches(
  batches: AsyncIterable<CountableBatch>,
  options: AnalyzeOptions,
): Promise<InventoryReport> {
  const templater = options.templater ?? new Templater();
  const classify = options.classify !== false;
  const aggregator = new InventoryAggregator(classify ? options.classifier : noCallerClassifier);
  const report: InventoryReport = { endpoints: [], quarantined: 0, lines: 0, quarantine: [] };
  for await (const batch of batches) {
    report.lines += batch.lines;
    report.quarantined += batch.quarantined.length;
    for (const q of batch.quarantined)
      if (report.quarantine.length < QUARANTINE_SHOWN) report.quarantine.push(q);
    for (const call of batch.calls) {
      aggregator.add(call, templater.templateOf(call.host, call.method, call.path, call.declaredTemplate));
    }
    for (const rewrite of templater.drainRewrites()) aggregator.applyRewrite(rewrite);
  }
  report.endpoints = aggregator.endpoints();
  return report;
}
