/**
 * The ASL JSON of a synthesized state machine: `DefinitionString` is a string or an `Fn::Join` whose
 * non-string parts (function ARNs) become `${Logical.Attribute}` placeholders.
 */
export type Asl = Record<string, unknown>;

export function definitionJson(
  template: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> },
  logicalPrefix = '',
): Asl {
  const machine = Object.entries(template.Resources).find(
    ([id, r]) => r.Type === 'AWS::StepFunctions::StateMachine' && id.startsWith(logicalPrefix),
  );
  if (machine === undefined) throw new Error('No state machine in the template');
  return JSON.parse(flatten(machine[1].Properties?.DefinitionString)) as Asl;
}

function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join !== undefined) return join[1].map(flatten).join(join[0]);
  const getAtt = (value as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt'];
  if (getAtt !== undefined) return `\${${getAtt.join('.')}}`;
  const ref = (value as { Ref?: string }).Ref;
  if (ref !== undefined) return `\${${ref}}`;
  throw new Error(`Unexpected intrinsic in the state machine definition: ${JSON.stringify(value)}`);
}

/** Task resources blanked out: what must be equal between the deployed and the local definition. */
export function withoutResources(asl: Asl): Asl {
  return JSON.parse(JSON.stringify(asl, (key, v: unknown) => (key === 'Resource' ? '<function>' : v))) as Asl;
}
