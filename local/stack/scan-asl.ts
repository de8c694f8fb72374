/**
 * The scan state machine's ASL for the local stack, rendered by CDK from the same `scanDefinition`
 * the SaaS stack deploys (a test holds the two equal); the Lambda ARNs are stand-ins that the local
 * runner overrides by state name. Rendering the state graph skips a full synth (seconds).
 */
import { App, Stack } from 'aws-cdk-lib';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { StateGraph, Chain } from 'aws-cdk-lib/aws-stepfunctions';
import type { Asl } from '#infra/saas/scans/definition-json';
import {
  scanDefinition,
  SCAN_HANDLERS,
  SCAN_TIMEOUT,
  type ScanTask,
} from '#infra/saas/scans/scan-definition';

export function localScanAsl(region = 'us-east-1'): Asl {
  const stack = new Stack(new App(), 'LocalScanDefinition', { env: { account: '000000000000', region } });
  const fns = Object.fromEntries(
    (Object.keys(SCAN_HANDLERS) as ScanTask[]).map((task) => [
      task,
      LambdaFunction.fromFunctionArn(
        stack,
        task,
        `arn:aws:lambda:${region}:000000000000:function:${SCAN_HANDLERS[task]}`,
      ),
    ]),
  ) as Record<ScanTask, ReturnType<typeof LambdaFunction.fromFunctionArn>>;
  const chain = Chain.start(scanDefinition(stack, fns));
  const graph = new StateGraph(chain.startState, 'scan state machine');
  graph.timeout = SCAN_TIMEOUT;
  return stack.resolve(graph.toGraphJson()) as Asl;
}
