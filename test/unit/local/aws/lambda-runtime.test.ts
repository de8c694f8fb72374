import { describe, it, expect } from '@jest/globals';
import { invoke, LambdaTimeoutError } from '#local/aws/invoke';
import { lambdaContext, UnsupportedCallbackError } from '#local/aws/lambda-context';
import { LocalConfigError, readLocalConfig } from '#local/stack/config';

describe('lambdaContext', () => {
  it('counts the remaining time down from the timeout on the given clock', () => {
    // Arrange
    let now = 1_000_000;
    const context = lambdaContext({
      functionName: 'f',
      region: 'eu-west-1',
      timeoutMs: 3000,
      now: () => now,
    });

    // Act
    now += 1200;

    // Assert
    expect(context.getRemainingTimeInMillis()).toBe(1800);
    expect(context.invokedFunctionArn).toBe('arn:aws:lambda:eu-west-1:000000000000:function:f');
    expect(context.logGroupName).toBe('/aws/lambda/f');
    expect(() => context.succeed('x')).toThrow(UnsupportedCallbackError);
  });
});

describe('invoke', () => {
  const options = { functionName: 'f', region: 'us-east-1', timeoutMs: 50 };

  it('returns the response with a fresh request id each time', async () => {
    const a = await invoke(async (event: { n: number }) => event.n + 1, { n: 1 }, options);
    const b = await invoke(async (event: { n: number }) => event.n + 1, { n: 1 }, options);
    expect(a).toMatchObject({ ok: true, response: 2 });
    expect(a.requestId).not.toBe(b.requestId);
  });

  it('hands the handler a copy of the event, as a serialized delivery would', async () => {
    const event = { list: [1] };
    await invoke(async (e: typeof event) => void e.list.push(2), event, options);
    expect(event.list).toEqual([1]);
  });

  it('turns a handler that outlives its timeout into a timeout error', async () => {
    const outcome = await invoke(() => new Promise(() => undefined), {}, options);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error).toBeInstanceOf(LambdaTimeoutError);
  });
});

describe('readLocalConfig', () => {
  it('defaults to the documented ports, prefix and a .surveyor folder in the repository', () => {
    const config = readLocalConfig({});
    expect(config.ports).toEqual({
      dynamodb: 8000,
      kinesis: 4567,
      s3: 4569,
      portal: 3000,
      ingest: 4580,
      alertSink: 4570,
    });
    expect(config.prefix).toBe('surveyor-local');
    expect(config.dataDir).toMatch(/[/\\]\.surveyor$/);
  });

  it.each([
    [{ SURVEYOR_S3_PORT: '70000' }, /SURVEYOR_S3_PORT/],
    [{ SURVEYOR_S3_PORT: '8000' }, /SURVEYOR_DYNAMODB_PORT and SURVEYOR_S3_PORT are both 8000/],
    [{ SURVEYOR_PREFIX: 'Bad_Prefix' }, /SURVEYOR_PREFIX/],
    [{ SURVEYOR_IN_MEMORY: 'yes' }, /SURVEYOR_IN_MEMORY/],
  ])('fails loudly on %p', (env, message) => {
    expect(() => readLocalConfig(env)).toThrow(LocalConfigError);
    expect(() => readLocalConfig(env)).toThrow(message);
  });
});
