/**
 * Local-stack configuration, read once from the environment and validated at start-up
 * (every variable is listed in .env.example).
 */
import { resolve } from 'node:path';

export interface LocalConfig {
  readonly host: string;
  readonly dataDir: string;
  readonly inMemory: boolean;
  readonly ports: { readonly dynamodb: number; readonly kinesis: number; readonly s3: number };
  readonly prefix: string;
  readonly region: string;
}

export class LocalConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalConfigError';
  }
}

/** `readLocalConfig(process.env)`; ports of 0 mean "any free port" (tests). */
export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  return {
    host: '127.0.0.1',
    dataDir: resolve(env.SURVEYOR_DATA_DIR ?? '.surveyor'),
    inMemory: env.SURVEYOR_IN_MEMORY === 'true',
    ports: {
      dynamodb: port(env, 'SURVEYOR_DYNAMODB_PORT', 8000),
      kinesis: port(env, 'SURVEYOR_KINESIS_PORT', 4567),
      s3: port(env, 'SURVEYOR_S3_PORT', 4569),
    },
    prefix: env.SURVEYOR_PREFIX ?? 'surveyor-local',
    region: env.AWS_REGION ?? 'us-east-1',
  };
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new LocalConfigError(`${name}=${text} is not a port number`);
  return n;
}
