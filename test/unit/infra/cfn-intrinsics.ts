/**
 * Evaluates the few CloudFormation intrinsics the forwarder's conditions use (Ref to a parameter,
 * Fn::Join, Fn::Split, Fn::Select, Fn::Equals, Fn::Not, Condition), following CloudFormation's
 * rules, including its failure on an out-of-range Fn::Select.
 */
type Value = string | boolean | Value[];

export class CfnEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CfnEvaluationError';
  }
}

/** `evaluate(template.Conditions.X, { ApiGatewayLogGroupNames: ['a'] }, template.Conditions)`. */
export function evaluate(
  expression: unknown,
  parameters: Record<string, string | string[]>,
  conditions: Record<string, unknown> = {},
): Value {
  const ev = (e: unknown): Value => evaluate(e, parameters, conditions);
  if (typeof expression === 'string' || typeof expression === 'boolean') return expression;
  if (Array.isArray(expression)) return expression.map(ev);
  const [fn, args] = Object.entries(expression as Record<string, unknown>)[0] ?? [];
  const list = args as unknown[];
  switch (fn) {
    case 'Ref': {
      const value = parameters[args as string];
      if (value === undefined) throw new CfnEvaluationError(`No parameter ${String(args)}`);
      return value;
    }
    case 'Condition':
      return ev(conditions[args as string]);
    case 'Fn::Join': {
      const values = ev(list[1]) as Value[];
      return values.map((v) => String(v)).join(list[0] as string);
    }
    case 'Fn::Split':
      return (ev(list[1]) as string).split(list[0] as string);
    case 'Fn::Select': {
      const items = ev(list[1]) as Value[];
      const index = Number(list[0]);
      if (index >= items.length) throw new CfnEvaluationError(`Fn::Select index ${index} out of range`);
      return items[index] as Value;
    }
    case 'Fn::Equals':
      return JSON.stringify(ev(list[0])) === JSON.stringify(ev(list[1]));
    case 'Fn::Not':
      return !(ev(list[0]) as boolean);
    default:
      throw new CfnEvaluationError(`Unsupported intrinsic ${String(fn)}`);
  }
}
