/**
 * Prints the quick-create console link for a published forwarder template:
 * `tsx infra/quick-create-url.ts --template-url https://bucket.s3.amazonaws.com/forwarder.json
 *  --region eu-west-1 -p IntakeUrl=https://.../v1/logs -p ArtifactBucket=... -p ArtifactKey=...` (the ingest key is pasted on the page, never put in a link)
 */
import { Command } from 'commander';
import { quickCreateUrl } from '#shared/onboarding/quick-create-link';

function collect(pair: string, previous: Record<string, string>): Record<string, string> {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new Error(`Expected Name=Value, got ${JSON.stringify(pair)}`);
  return { ...previous, [pair.slice(0, eq)]: pair.slice(eq + 1) };
}

const options = new Command()
  .name('quick-create-url')
  .requiredOption('--template-url <url>', 'https URL of the forwarder template')
  .requiredOption('--region <region>', 'Region the customer deploys in')
  .option('--stack-name <name>', 'stack name', 'surveyor-forwarder')
  .option('-p, --param <Name=Value>', 'template parameter (repeatable)', collect, {})
  .parse()
  .opts<{ templateUrl: string; region: string; stackName: string; param: Record<string, string> }>();

console.log(
  quickCreateUrl({
    templateUrl: options.templateUrl,
    region: options.region,
    stackName: options.stackName,
    parameters: options.param,
  }),
);
