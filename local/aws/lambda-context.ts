/** A Lambda `Context` for handlers run locally, with the fields and clock Lambda gives them. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LambdaContextOptions {
  readonly functionName: string;
  readonly region: string;
  readonly timeoutMs: number;
  readonly memoryMb?: number;
  readonly accountId?: string;
  readonly now?: () => number;
}

export class UnsupportedCallbackError extends Error {
  constructor(name: string) {
    super(`context.${name}() is the Node 8 callback style; return (or throw) from an async handler`);
    this.name = 'UnsupportedCallbackError';
  }
}

/** `lambdaContext({ functionName: 'ingest-api-calls', region: 'us-east-1', timeoutMs: 60_000 })` */
export function lambdaContext(options: LambdaContextOptions): Context {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  const account = options.accountId ?? '000000000000';
  const day = new Date(now()).toISOString().slice(0, 10).replaceAll('-', '/');
  const unsupported = (name: string) => () => {
    throw new UnsupportedCallbackError(name);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:${account}:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryMb ?? 1024),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}
