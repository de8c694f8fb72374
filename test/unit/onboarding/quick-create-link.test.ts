import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { quickCreateUrl, QuickCreateInputError } from '#shared/onboarding/quick-create-link';

const TEMPLATE = 'https://surveyor-artifacts.s3.eu-west-1.amazonaws.com/forwarder/v1/template.json';

/** The console reads the quick-create query from the fragment, after `#/stacks/quickcreate?`. */
function fragmentQuery(url: string): URLSearchParams {
  const fragment = new URL(url).hash;
  return new URLSearchParams(fragment.slice(fragment.indexOf('?') + 1));
}

describe('quick-create URL', () => {
  it('opens the CloudFormation console of the region on the quick-create page', () => {
    const url = new URL(
      quickCreateUrl({ templateUrl: TEMPLATE, region: 'eu-west-1', stackName: 's', parameters: {} }),
    );

    expect(url.host).toBe('eu-west-1.console.aws.amazon.com');
    expect(url.searchParams.get('region')).toBe('eu-west-1');
    expect(url.hash.startsWith('#/stacks/quickcreate?')).toBe(true);
  });

  it('carries the template, stack name and any parameter values through encoding unchanged', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[A-Z][A-Za-z]{0,20}$/), fc.string(), { maxKeys: 6 }),
        (parameters) => {
          const query = fragmentQuery(
            quickCreateUrl({
              templateUrl: TEMPLATE,
              region: 'us-east-1',
              stackName: 'surveyor-fwd',
              parameters,
            }),
          );

          expect(query.get('templateURL')).toBe(TEMPLATE);
          expect(query.get('stackName')).toBe('surveyor-fwd');
          for (const [name, value] of Object.entries(parameters))
            expect(query.get(`param_${name}`)).toBe(value);
        },
      ),
    );
  });

  it('never puts the ingest secret in a link', () => {
    const input = {
      templateUrl: TEMPLATE,
      region: 'eu-west-1',
      stackName: 's',
      parameters: { IngestSecret: 'x' },
    };
    expect(() => quickCreateUrl(input)).toThrow(QuickCreateInputError);
  });

  it('rejects a template served over plain http', () => {
    const input = {
      templateUrl: 'http://example.com/t.json',
      region: 'eu-west-1',
      stackName: 's',
      parameters: {},
    };
    expect(() => quickCreateUrl(input)).toThrow(QuickCreateInputError);
  });
});
