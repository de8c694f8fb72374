/** Builds Surveyor's stacks into an app; shared by infra/app.ts and the infra tests. */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readSaasConfig } from './config.ts';
import { ForwarderStack } from './forwarder-stack.ts';
import { SaasStack } from './saas-stack.ts';

export interface SurveyorApp {
  readonly saas: SaasStack;
  readonly forwarder: ForwarderStack;
}

/** `buildApp(new App())`: both stacks, and the AwsSolutions checks on the whole app. */
export function buildApp(app: App): SurveyorApp {
  const saas = new SaasStack(app, 'Surveyor-SaaS', {
    config: readSaasConfig(app.node),
    description: 'Surveyor SaaS: ingest stream, consumer, inventory and findings tables',
  });
  const forwarder = new ForwarderStack(app, 'Surveyor-Forwarder');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { saas, forwarder };
}
