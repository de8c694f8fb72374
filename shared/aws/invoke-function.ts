/**
 * A synchronous Lambda invocation with a JSON request and answer (the portal asks the onboarding
 * function for keys this way). A function error is thrown, not returned as an answer.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

export class FunctionInvocationError extends Error {
  constructor(functionName: string, detail: string) {
    super(`${functionName} failed: ${detail}`);
    this.name = 'FunctionInvocationError';
  }
}

/** `const ask = jsonInvoker('surveyor-onboarding'); await ask({ action: 'list', tenant })` */
export function jsonInvoker<Request, Answer>(
  functionName: string,
  client: LambdaClient = new LambdaClient({}),
): (request: Request) => Promise<Answer> {
  return async (request) => {
    const out = await client.send(
      new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(request)) }),
    );
    const text = out.Payload === undefined ? '' : Buffer.from(out.Payload).toString('utf8');
    if (out.FunctionError !== undefined) throw new FunctionInvocationError(functionName, text.slice(0, 500));
    return JSON.parse(text) as Answer;
  };
}
