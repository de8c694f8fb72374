import { describe, it, expect, beforeAll } from '@jest/globals';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildApp, type SurveyorApp } from '#infra/build-app';
import { acknowledge, VagueAcknowledgementError } from '#infra/nag';

function violations(stack: Stack): string[] {
  const report = new AwsSolutionsChecks().validateScope(stack);
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`),
  );
}

/** Every AwsSolutions finding, acknowledged or not: `rule @ construct path`. */
function allFindings(stack: Stack): string[] {
  const pack = new AwsSolutionsChecks();
  // isAcknowledged is private in cdk-nag; bypassing it shows what the acknowledgements hide.
  (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return pack
    .validateScope(stack)
    .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`));
}

/** AwsSolutions acknowledgements: `rule @ path of the acknowledging construct`. */
function nagAcknowledgements(stack: Stack): string[] {
  return stack.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.keys(m.data as Record<string, unknown>))
      .map((key) => key.replace(/^annotation::/i, ''))
      .filter((id) => id.startsWith('AwsSolutions-'))
      .map((id) => `${id} @ ${c.node.path}`),
  );
}

function acknowledgementReasons(stack: Stack): string[] {
  return stack.node
    .findAll()
    .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
    .flatMap((m) => Object.values(m.data as Record<string, unknown>).map((reason) => JSON.stringify(reason)));
}

describe('cdk-nag AwsSolutions', () => {
  let app: SurveyorApp;
  beforeAll(() => {
    app = buildApp(new App());
  });

  it('finds no unacknowledged error or warning in the SaaS stack', () => {
    expect(violations(app.saas)).toEqual([]);
  });

  it('finds no unacknowledged error or warning in the forwarder template', () => {
    expect(violations(app.forwarder)).toEqual([]);
  });

  it('records a reason with every acknowledgement', () => {
    const reasons = [...acknowledgementReasons(app.saas), ...acknowledgementReasons(app.forwarder)];
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(20);
  });

  it('acknowledges only findings that exist, so no acknowledgement outlives its reason', () => {
    for (const stack of [app.saas, app.forwarder]) {
      const findings = allFindings(stack);
      for (const ack of nagAcknowledgements(stack)) {
        const [rule, path] = ack.split(' @ ');
        const matched = findings.some((f) => f.startsWith(`${rule} @ ${path}/`) || f === `${rule} @ ${path}`);
        expect({ ack, matched }).toEqual({ ack, matched: true });
      }
    }
  });

  it('refuses an acknowledgement without a specific reason', () => {
    const stack = new Stack(new App(), 'Scratch');
    expect(() => acknowledge(stack, 'AwsSolutions-S1', 'not needed')).toThrow(VagueAcknowledgementError);
  });
});
