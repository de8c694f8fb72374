import { describe, it, expect } from '@jest/globals';
import { intakeRegion, isSignedIntakeUrl, signedIntakeUrl } from '#shared/ingest/forward/intake-signing';

describe('the intake URL a forwarder is given', () => {
  const api = 'https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com/prod';

  it('names the IAM route by its path, derived from the Bearer route', () => {
    expect(signedIntakeUrl(`${api}/v1/logs`)).toBe(`${api}/v1/aws/logs`);
    expect(signedIntakeUrl(`${api}/v1/aws/logs`)).toBe(`${api}/v1/aws/logs`);
    expect([`${api}/v1/logs`, `${api}/v1/aws/logs`].map(isSignedIntakeUrl)).toEqual([false, true]);
  });

  it("signs for the API's Region, or the function's own for a custom domain", () => {
    expect(intakeRegion(`${api}/v1/aws/logs`, 'us-east-1')).toBe('eu-west-2');
    expect(intakeRegion('https://intake.surveyor.example/v1/aws/logs', 'us-east-1')).toBe('us-east-1');
    expect(() => intakeRegion('https://intake.surveyor.example/v1/aws/logs', undefined)).toThrow(
      /AWS_REGION/,
    );
  });
});
