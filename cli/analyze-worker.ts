/**
 * Entry of the worker threads `surveyor analyze` runs on large inputs: one parses, the others count
 * a share of the hosts (shared/inventory/analyze-in-worker.ts). A counter builds its templater and
 * classifier from the same rules, settings and geo choice as the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createCallClassifier } from '#shared/classify/call-classifier';
import { createGeoLookup } from '#shared/classify/geo';
import { runCountWorker } from '#shared/inventory/count-worker';
import { runParseWorker } from '#shared/inventory/parse-worker';
import { Templater } from '#shared/inventory/templater';
import type { WorkerRequest } from '#shared/inventory/worker-protocol';

if (parentPort === null) throw new Error('cli/analyze-worker.ts runs only as a worker thread');
const request = workerData as WorkerRequest;
// Not a top-level await: a worker the main thread stops early would print an "unsettled" warning.
if (request.role === 'parse') void runParseWorker(parentPort, request);
else
  void runCountWorker(request.port, parentPort, {
    format: 'auto', // not read: the parser parses
    templater: new Templater(new Map(request.rules)),
    classifier: createCallClassifier(request.settings, request.geo ? createGeoLookup() : undefined),
    classify: request.classify,
  });
