/**
 * What the CLI tests share: free loopback ports, `npm start` (local/start.ts) as a child process on
 * them with its own data folder, and the built `surveyor` command run against it.
 */
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../../free-ports.ts';

const root = process.cwd();

export { freePort } from '../../free-ports.ts';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `file args` with `env`; never rejects: a failure is its exit code and stderr. */
export function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(file, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr }),
    );
  });
}

/** `surveyor <args>` (bin/surveyor.js, the built CLI) with `env`. */
export function surveyor(env: NodeJS.ProcessEnv, args: readonly string[]): Promise<CommandResult> {
  return run(process.execPath, [join(root, 'bin/surveyor.js'), ...args], env);
}

export type PortVariable =
  | 'SURVEYOR_DYNAMODB_PORT'
  | 'SURVEYOR_KINESIS_PORT'
  | 'SURVEYOR_S3_PORT'
  | 'SURVEYOR_INGEST_PORT'
  | 'SURVEYOR_ALERT_SINK_PORT'
  | 'SURVEYOR_PORTAL_PORT';

/** The loopback servers and the intake: what the pipeline tests need on free ports. */
export const PIPELINE_PORTS: readonly PortVariable[] = [
  'SURVEYOR_DYNAMODB_PORT',
  'SURVEYOR_KINESIS_PORT',
  'SURVEYOR_S3_PORT',
  'SURVEYOR_INGEST_PORT',
  'SURVEYOR_ALERT_SINK_PORT',
];

export interface LocalStackOptions {
  /** Names the data folder (`surveyor-<label>-...` under the temp folder). */
  readonly label: string;
  /** Each gets a free port; the others keep their defaults. */
  readonly ports: readonly PortVariable[];
  /** More variables for the stack (and the commands run with `env`). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface LocalStackProcess {
  /** The stack's environment: pass it to `surveyor` so the CLI finds the same servers. */
  readonly env: NodeJS.ProcessEnv;
  /** Its data folder (a fresh temporary one), also a place for the test's own files. */
  readonly dataDir: string;
  /** What the stack printed up to its `Ctrl-C` line. */
  readonly banner: string;
  /** Everything it printed so far, stdout and stderr (handler logs included). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `npm start` without demo traffic and resolves once its banner is out. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStackProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), `surveyor-${options.label}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SURVEYOR_DATA_DIR: dataDir,
    SURVEYOR_DEMO: 'false',
    ...options.env,
  };
  const ports = await freePorts(options.ports.length);
  options.ports.forEach((variable, i) => (env[variable] = String(ports[i])));
  const stack = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'local/start.ts'], {
    env,
    cwd: root,
  });
  let out = '';
  stack.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const banner = await new Promise<string>((resolve, reject) => {
    stack.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ctrl-C')) resolve(out);
    });
    stack.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)));
  });
  return {
    env,
    dataDir,
    banner,
    output: () => out,
    stop: async () => {
      if (stack.exitCode !== null) return;
      stack.kill('SIGINT');
      await new Promise((resolve) => stack.once('exit', resolve));
    },
  };
}
