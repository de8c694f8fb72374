/** `surveyor analyze [--format] [--json] [--openapi OUT] [--templates FILE] [--worker WHEN] [--count-workers N] FILE...` */
import { LOG_FORMATS } from '#shared/logs/parse-log';
import type { LogFormat } from '#shared/logs/detect-format';
import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { COMMAND_SUMMARIES } from './command-index.ts';
import { stringify } from 'yaml';
import { assessInventory } from '#shared/findings/assess-inventory';
import { analyzeLogs, type InventoryReport, type LogSource } from '#shared/inventory/analyze';
import { createCallClassifier, type CallClassifier } from '#shared/classify/call-classifier';
import { createGeoLookup } from '#shared/classify/geo';
import { loadRiskDocumentFile, type RiskDocument } from '#shared/rules/load-rules';
import { loadSpecFile } from '#shared/openapi/load-spec';
import { toOpenApi } from '#shared/inventory/openapi-export';
import { loadTemplateRules } from '#shared/inventory/template-rules';
import { Templater } from '#shared/inventory/templater';
import { specTemplateRules, withSeeds } from '#shared/inventory/spec-seeds';
import type { SpecModel } from '#shared/openapi/spec-model';
import type { TenantSettings } from '#events/risk-rules.schema';
import { openLogInput, readLineBatches } from '#shared/logs/read-lines';
import { analyzeFilesInWorker } from '#shared/inventory/analyze-in-worker';
import {
  MAX_COUNT_WORKERS,
  useWorker,
  workerEntry,
  WORKER_CHOICES,
  type WorkerChoice,
} from './analyze-worker-choice.ts';
import { addPolicyOptions, checkPolicyFlags, writePolicies, type PolicyFlags } from './policy-output.ts';
import { startProgress } from './progress.ts';
import { renderFindings, renderTable } from './render-table.ts';

interface AnalyzeFlags extends PolicyFlags {
  format: LogFormat | 'auto';
  host?: string;
  json: boolean;
  openapi?: string;
  templates?: string;
  spec: string[];
  rules?: string;
  geo: boolean;
  worker: WorkerChoice;
  countWorkers: number;
}

const FORMATS: readonly string[] = [...LOG_FORMATS, 'auto'];

export function registerAnalyze(program: Command): void {
  const command = program
    .command('analyze')
    .description(COMMAND_SUMMARIES.analyze)
    .argument('<files...>', 'log files')
    .option('--format <format>', `${FORMATS.join(', ')}`, parseFormat, 'auto')
    .option('--host <host>', 'API host for lines that name none (nginx, Apache, JSON lines)')
    .option('--json', 'print one JSON document instead of a table', false)
    .option('--openapi <out>', 'also write an OpenAPI 3.1 document (YAML, or JSON if OUT ends in .json)')
    .option('--templates <file>', 'pinned templates and never-merge prefixes per host (JSON or YAML)')
    .option('--spec <file>', 'an OpenAPI 2.0/3.x document to check traffic against (repeatable)', collect, [])
    .option('--rules <file>', 'custom risk rules and tenant settings (JSON or YAML)')
    .option('--no-geo', 'skip caller country and ASN lookups')
    .addOption(
      new Option(
        '--worker <when>',
        'read and parse files on a worker thread: auto (large inputs), always, never',
      )
        .choices(WORKER_CHOICES)
        .default('auto'),
    )
    .option(
      '--count-workers <n>',
      `with the worker, also template and count on n more threads, hosts shared out (0-${MAX_COUNT_WORKERS})`,
      parseCountWorkers,
      0,
    );
  addPolicyOptions(command).action(async (files: string[], flags: AnalyzeFlags) => {
    checkPolicyFlags(flags);
    // Specs and rules are validated before the logs are read: a bad document fails fast, located.
    const specs = await Promise.all(flags.spec.map((file) => loadSpecFile(file)));
    const risk: RiskDocument =
      flags.rules === undefined ? { rules: [], settings: {} } : await loadRiskDocumentFile(flags.rules);
    const classifier = createCallClassifier(risk.settings, flags.geo ? createGeoLookup() : undefined);
    const report = await analyze(files, flags, { classifier, settings: risk.settings }, specs);
    const { endpoints, findings } = assessInventory(report.endpoints, { specs, ...risk });
    if (flags.openapi !== undefined) writeOpenApi(flags.openapi, report);
    writePolicies(flags, { findings, specs, rules: risk.rules });
    if (flags.json) {
      const { quarantined, lines } = report;
      process.stdout.write(JSON.stringify({ endpoints, findings, quarantined, lines }) + '\n');
    } else {
      process.stdout.write(renderTable(endpoints) + '\n');
      if (findings.length > 0) process.stdout.write(renderFindings(findings) + '\n');
    }
    summarize(report, flags.json);
  });
}

async function analyze(
  files: string[],
  flags: AnalyzeFlags,
  { classifier, settings }: { classifier: CallClassifier; settings: TenantSettings },
  specs: readonly SpecModel[],
): Promise<InventoryReport> {
  // Open every input first, so a missing file fails before minutes of work on the others.
  const inputs = files.map((file) => ({ file, ...openLogInput(file) }));
  const totalBytes = inputs.reduce((sum, i) => sum + (i.size ?? 0), 0);
  const progress = startProgress(totalBytes);
  // The specs' documented paths seed the templater for their hosts; the user's pins apply on top.
  const userRules = flags.templates === undefined ? new Map() : loadTemplateRules(flags.templates);
  const rules = withSeeds(userRules, specTemplateRules(specs));
  const templater = new Templater(rules);
  const options = {
    format: flags.format,
    templater,
    classifier,
    ...(flags.host !== undefined && { defaultHost: flags.host.toLowerCase() }),
  };
  try {
    if (useWorker(flags.worker, inputs)) {
      for (const { stream } of inputs) stream.destroy(); // the worker opens the files itself
      const logFiles = files.map((file) => ({ path: file, origin: file }));
      return await analyzeFilesInWorker(logFiles, options, {
        ...workerEntry(),
        counters: flags.countWorkers,
        setup: { rules: [...rules], settings, geo: flags.geo, classify: true },
        onProgress: (bytes) => progress.update(bytes),
      });
    }
    let doneBytes = 0;
    const sources: LogSource[] = inputs.map(({ file, stream }) => ({
      origin: file === '-' ? 'stdin' : file,
      batches: (async function* () {
        let last = 0;
        yield* readLineBatches(stream, {
          onProgress: (bytes) => {
            progress.update(doneBytes + bytes);
            last = bytes;
          },
        });
        doneBytes += last;
      })(),
    }));
    return await analyzeLogs(sources, options);
  } finally {
    progress.stop();
  }
}

function writeOpenApi(out: string, report: InventoryReport): void {
  const document = toOpenApi(report.endpoints);
  writeFileSync(out, out.endsWith('.json') ? JSON.stringify(document, null, 2) : stringify(document));
}

function summarize(report: InventoryReport, quiet: boolean): void {
  const lines = [
    `${report.lines} lines, ${report.endpoints.length} endpoints, ${report.quarantined} quarantined`,
  ];
  for (const q of report.quarantine.slice(0, quiet ? 0 : 5))
    lines.push(`  line ${q.line} of ${q.origin ?? 'input'}: ${q.reason}`);
  process.stderr.write(lines.join('\n') + '\n');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseCountWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_COUNT_WORKERS)
    throw new InvalidArgumentError(`use a whole number from 0 to ${MAX_COUNT_WORKERS}`);
  return n;
}

function parseFormat(value: string): AnalyzeFlags['format'] {
  if (!FORMATS.includes(value)) throw new InvalidArgumentError(`use one of ${FORMATS.join(', ')}`);
  return value as AnalyzeFlags['format'];
}
