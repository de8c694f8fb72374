/**
 * Local-stack configuration, read once from the environment and validated at start-up
 * (every variable is documented in .env.example). A bad value fails here, loudly, not later.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { packageRoot } from '#local/package-root';

export interface LocalPorts {
  readonly dynamodb: number;
  readonly kinesis: number;
  readonly s3: number;
  /** Reserved for the portal; nothing listens on it yet. */
  readonly portal: number;
  /** The HTTPS log intake's local stand-in (`POST /v1/logs`). */
  readonly ingest: number;
  /** The local Slack / PagerDuty / webhook sink (local/alert-sink.ts). */
  readonly alertSink: number;
}

export interface LocalConfig {
  readonly host: string;
  /** Everything persistent lives here: DynamoDB Local files, s3rver files, Kinesis checkpoints. */
  readonly dataDir: string;
  /** DynamoDB Local in memory and a throw-away s3rver folder (tests). */
  readonly inMemory: boolean;
  readonly ports: LocalPorts;
  readonly prefix: string;
  readonly region: string;
  readonly shards: number;
}

export class LocalConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalConfigError';
  }
}

const REPO_ROOT = packageRoot(import.meta.url);
// The prefix starts S3 bucket names too (`<prefix>-quarantine`), so it follows the bucket rules.
const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,40}[a-z0-9])?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export const PORT_VARIABLES = {
  dynamodb: 'SURVEYOR_DYNAMODB_PORT',
  kinesis: 'SURVEYOR_KINESIS_PORT',
  s3: 'SURVEYOR_S3_PORT',
  portal: 'SURVEYOR_PORTAL_PORT',
  ingest: 'SURVEYOR_INGEST_PORT',
  alertSink: 'SURVEYOR_ALERT_SINK_PORT',
} as const satisfies Record<keyof LocalPorts, string>;

/** The process environment over the repository's `.env` (the shell wins), without changing either. */
export function environmentWithDotEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const file = join(REPO_ROOT, '.env');
  if (!existsSync(file)) return env;
  return { ...parseEnv(readFileSync(file, 'utf8')), ...env };
}

/** `readLocalConfig()` (process.env over .env) or `readLocalConfig({...})`; port 0 means any free port. */
/** Settings by variable name: process.env, or a fixed set (a scratch stack reads nothing else). */
type Settings = Readonly<Record<string, string | undefined>>;

export function readLocalConfig(env: Settings = environmentWithDotEnv()): LocalConfig {
  const ports: LocalPorts = {
    dynamodb: port(env, PORT_VARIABLES.dynamodb, 8000),
    kinesis: port(env, PORT_VARIABLES.kinesis, 4567),
    s3: port(env, PORT_VARIABLES.s3, 4569),
    portal: port(env, PORT_VARIABLES.portal, 3000),
    ingest: port(env, PORT_VARIABLES.ingest, 4580),
    alertSink: port(env, PORT_VARIABLES.alertSink, 4570),
  };
  const fixed = Object.entries(ports).filter(([, p]) => p !== 0);
  for (const [name, p] of fixed) {
    const other = fixed.find(([n, q]) => n !== name && q === p);
    if (other !== undefined)
      throw new LocalConfigError(
        `${PORT_VARIABLES[name as keyof LocalPorts]} and ${PORT_VARIABLES[other[0] as keyof LocalPorts]} are both ${p}`,
      );
  }
  const prefix = text(env, 'SURVEYOR_PREFIX', 'surveyor-local');
  if (!PREFIX.test(prefix))
    throw new LocalConfigError(
      `SURVEYOR_PREFIX=${prefix}: use 1-42 lower-case letters, digits or '-', not starting or ending with '-'`,
    );
  const region = text(env, 'AWS_REGION', 'us-east-1');
  if (!REGION.test(region)) throw new LocalConfigError(`AWS_REGION=${region} is not a region name`);
  const dataDir = text(env, 'SURVEYOR_DATA_DIR', '.surveyor');
  return {
    host: '127.0.0.1',
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(join(REPO_ROOT, dataDir)),
    inMemory: flag(env, 'SURVEYOR_IN_MEMORY'),
    ports,
    prefix,
    region,
    shards: integer(env, 'SURVEYOR_KINESIS_SHARDS', 2, 1, 50),
  };
}

function text(env: Settings, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function flag(env: Settings, name: string): boolean {
  const value = text(env, name, 'false');
  if (value !== 'true' && value !== 'false')
    throw new LocalConfigError(`${name}=${value}: use true or false`);
  return value === 'true';
}

function port(env: Settings, name: string, fallback: number): number {
  return integer(env, name, fallback, 0, 65535);
}

function integer(env: Settings, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max)
    throw new LocalConfigError(`${name}=${value}: use a whole number from ${min} to ${max}`);
  return n;
}
