/** Entry of the worker thread `surveyor analyze` parses large inputs on (shared/inventory/parse-worker.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { runParseWorker } from '#shared/inventory/parse-worker';
import type { ParseRequest } from '#shared/inventory/worker-protocol';

if (parentPort === null) throw new Error('cli/analyze-worker.ts runs only as a worker thread');
await runParseWorker(parentPort, workerData as ParseRequest);
