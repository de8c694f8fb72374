import { App } from 'aws-cdk-lib';

/**
 * An App for tests that read templates: no function is bundled, which makes a synthesis seconds
 * instead of minutes. nag.test.ts synthesizes the real app, bundles included.
 */
export function templateApp(context: Record<string, unknown> = {}): App {
  return new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
}
