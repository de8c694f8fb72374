import { describe, it, expect, beforeAll } from '@jest/globals';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SaasStack } from '#infra/saas-stack';
import { readSaasConfig } from '#infra/config';
import { definitionJson, withoutResources, type Asl } from '#infra/saas/scans/definition-json';
import { HOST_CONCURRENCY, SCAN_TASKS } from '#infra/saas/scans/scan-definition';
import { localScanAsl } from '#local/stack/scan-asl';
import { templateApp } from './template-app.ts';

let template: Template;
let deployed: Asl;

beforeAll(() => {
  const app = templateApp();
  template = Template.fromStack(new SaasStack(app, 'Test-SaaS', { config: readSaasConfig(app.node) }));
  deployed = definitionJson(template.toJSON() as Parameters<typeof definitionJson>[0]);
});

type State = {
  Type: string;
  Retry?: unknown[];
  Catch?: unknown[];
  MaxConcurrency?: number;
  ItemProcessor?: { States: Record<string, State> };
};

function allStates(asl: Asl): Record<string, State> {
  const top = asl.States as Record<string, State>;
  const nested = Object.values(top).flatMap((s) => Object.entries(s.ItemProcessor?.States ?? {}));
  return { ...top, ...Object.fromEntries(nested) };
}

describe('the external scan state machine', () => {
  it('is the very definition the local stack runs, apart from the function ARNs', () => {
    expect(withoutResources(localScanAsl())).toEqual(withoutResources(deployed));
  });

  it('retries and catches every task, and bounds the hosts checked at once', () => {
    const states = allStates(deployed);
    const tasks = Object.entries(states).filter(([, s]) => s.Type === 'Task');
    expect(tasks.map(([name]) => name).sort()).toEqual(Object.values(SCAN_TASKS).sort());
    for (const [name, state] of tasks) {
      expect({
        name,
        retries: (state.Retry ?? []).length > 0,
        catches: (state.Catch ?? []).length > 0,
      }).toEqual({
        name,
        retries: true,
        catches: true,
      });
    }
    expect((deployed.States as Record<string, State>).ScanHosts?.MaxConcurrency).toBe(HOST_CONCURRENCY);
  });

  it('turns a failed host into a result instead of failing the scan', () => {
    const inner = (deployed.States as Record<string, State>).ScanHosts!.ItemProcessor!.States;
    const catchTargets = ['CheckHost', 'RecordHost'].flatMap((n) =>
      (inner[n]!.Catch as { Next: string }[]).map((c) => c.Next),
    );
    expect(catchTargets).toEqual(['HostFailed', 'HostFailed']);
    expect(inner.HostFailed!.Type).toBe('Pass');
  });

  it('is logged and traced, and only Scheduler may start it through its own role', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'surveyor-scans' });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })],
      }),
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({ Action: 'states:StartExecution' })],
        Version: '2012-10-17',
      },
    });
  });

  it('discovers hosts from certificate transparency (crt.sh by default, a mirror, or off)', () => {
    const scanEnvironments = (t: Template) =>
      Object.values(t.findResources('AWS::Lambda::Function'))
        .map(
          (r) =>
            (r.Properties as { Environment?: { Variables?: Record<string, string> } }).Environment
              ?.Variables ?? {},
        )
        .filter((v) => v.POWERTOOLS_SERVICE_NAME === 'external-scans');
    const withContext = (context: Record<string, string>) => {
      const app = templateApp(context);
      return Template.fromStack(new SaasStack(app, 'Test-SaaS', { config: readSaasConfig(app.node) }));
    };
    const urls = (t: Template) => [...new Set(scanEnvironments(t).map((v) => v.SCAN_CERTIFICATE_NAMES_URL))];

    expect(urls(template)).toEqual(['https://crt.sh']);
    expect(
      urls(withContext({ 'surveyor:certificateTransparencyUrl': 'https://ct.example.com/search' })),
    ).toEqual(['https://ct.example.com/search']);
    expect(urls(withContext({ 'surveyor:certificateTransparencyUrl': 'off' }))).toEqual([undefined]);
    expect(() => withContext({ 'surveyor:certificateTransparencyUrl': 'http://crt.sh' })).toThrow(
      /certificateTransparencyUrl/,
    );
  });
});
