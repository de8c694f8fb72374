/**
 * cdk-nag acknowledgements. cdk-nag 3 reads CDK's own `Validations.of(x).acknowledge`, one rule (or
 * one `Rule[finding]`) per call; this helper only insists on a reason worth reading.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** `acknowledge(bucket, 'AwsSolutions-S1', 'why this is acceptable here')`. */
export function acknowledge(construct: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < 20) throw new VagueAcknowledgementError(id);
  Validations.of(construct).acknowledge({ id, reason });
}

/** Why our functions stay on nodejs22.x while cdk-nag asks for the newest runtime. */
export const NODE22_REASON =
  'Surveyor pins nodejs22.x: tests, the local stack and @middy/core all run Node 22 (node@22 devDependency); moving to a newer runtime is a deliberate, tested upgrade';

export class VagueAcknowledgementError extends Error {
  constructor(id: string) {
    super(`Acknowledging ${id} needs a specific reason (at least 20 characters)`);
    this.name = 'VagueAcknowledgementError';
  }
}
