/**
 * The CloudFormation console "quick-create" link for the forwarder template: the customer opens it,
 * sees the parameters Surveyor pre-filled, pastes the secret and creates the stack.
 */

/** Parameters that must never travel in a URL (browser history, proxies, referrers). */
export const SECRET_PARAMETERS: ReadonlySet<string> = new Set(['IngestSecret', 'IngestKey']);

export interface QuickCreateInput {
  readonly templateUrl: string;
  readonly region: string;
  readonly stackName: string;
  readonly parameters: Readonly<Record<string, string>>;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/**
 * `quickCreateUrl({ templateUrl, region: 'eu-west-1', stackName: 'surveyor-forwarder',
 * parameters: { IngestKeyId: 'ik_x' } })` ->
 * `https://eu-west-1.console.aws.amazon.com/cloudformation/home?region=eu-west-1#/stacks/quickcreate?...`
 */
export function quickCreateUrl(input: QuickCreateInput): string {
  if (!REGION.test(input.region))
    throw new QuickCreateInputError(`Invalid region ${JSON.stringify(input.region)}`);
  if (!STACK_NAME.test(input.stackName))
    throw new QuickCreateInputError(`Invalid stack name ${JSON.stringify(input.stackName)}`);
  const template = new URL(input.templateUrl);
  if (template.protocol !== 'https:') throw new QuickCreateInputError('The template URL must use https');
  const query = new URLSearchParams({ templateURL: template.href, stackName: input.stackName });
  for (const [name, value] of Object.entries(input.parameters)) {
    if (SECRET_PARAMETERS.has(name))
      throw new QuickCreateInputError(`${name} is secret: the customer pastes it, it never goes in a link`);
    query.append(`param_${name}`, value);
  }
  const host = `https://${input.region}.console.aws.amazon.com`;
  return `${host}/cloudformation/home?region=${input.region}#/stacks/quickcreate?${query.toString()}`;
}

export class QuickCreateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuickCreateInputError';
  }
}
