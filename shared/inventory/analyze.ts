/**
 * The inventory core end to end, as the CLI and benchmarks run it: log batches -> parse -> template
 * -> aggregate, applying the templater's merges to the aggregates as they happen.
 */
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import type { Quarantined } from '#events/quarantine.schema';
import { noCallerClassifier, type CallClassifier } from '#shared/classify/call-classifier';
import { parseLog, type ParseLogOptions } from '#shared/logs/parse-log';
import { InventoryAggregator } from './aggregate.ts';
import { Templater } from './templater.ts';

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
  const templater = options.templater ?? new Templater();
  const classify = options.classify !== false;
  const aggregator = new InventoryAggregator(classify ? options.classifier : noCallerClassifier);
  const report: InventoryReport = { endpoints: [], quarantined: 0, lines: 0, quarantine: [] };
  for (const source of sources) {
    const parseOptions: ParseLogOptions = { format: options.format, ...(!classify && { classify: false }) };
    if (source.origin !== undefined) Object.assign(parseOptions, { origin: source.origin });
    if (options.defaultHost !== undefined) Object.assign(parseOptions, { defaultHost: options.defaultHost });
    for await (const batch of parseLog(source.batches, parseOptions)) {
      report.lines += batch.lines;
      report.quarantined += batch.quarantined.length;
      for (const q of batch.quarantined)
        if (report.quarantine.length < QUARANTINE_SHOWN) report.quarantine.push(q);
      for (const call of batch.calls) {
        aggregator.add(call, templater.templateOf(call.host, call.method, call.path, call.declaredTemplate));
      }
      for (const rewrite of templater.drainRewrites()) aggregator.applyRewrite(rewrite);
    }
  }
  report.endpoints = aggregator.endpoints();
  return report;
}
