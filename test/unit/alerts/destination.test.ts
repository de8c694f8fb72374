import { describe, it, expect } from '@jest/globals';
import {
  AWS_DESTINATIONS,
  checkDestination,
  destinationHint,
  LOCAL_DESTINATIONS,
  UnsafeDestinationError,
} from '#shared/alerts/destination';

describe('destination rules', () => {
  it.each([
    ['webhook', 'https://hooks.example.com/in'],
    ['slack', 'https://hooks.slack.com/services/T000/B000/XXXX'],
    ['pagerduty', 'https://events.pagerduty.com/v2/enqueue'],
    ['pagerduty', 'https://events.eu.pagerduty.com/v2/enqueue'],
  ] as const)('accepts a %s destination at %s in AWS', (type, url) => {
    expect(checkDestination(type, url, AWS_DESTINATIONS).href).toBe(url);
  });

  it.each([
    ['webhook', 'http://hooks.example.com/in', 'https'],
    ['webhook', 'http://127.0.0.1:9000/in', 'https'],
    ['webhook', 'ftp://hooks.example.com/in', 'https'],
    ['webhook', 'https://user:pw@hooks.example.com/in', 'credentials'],
    ['webhook', 'not a url', 'not a URL'],
    ['slack', 'https://hooks.slack.com.evil.example/services/T/B/X', 'hooks.slack.com'],
    ['slack', 'https://example.com/services/T/B/X', 'hooks.slack.com'],
    ['slack', 'https://hooks.slack.com:8443/services/T/B/X', 'hooks.slack.com'],
    ['pagerduty', 'https://events.pagerduty.com/v1/enqueue', 'events.pagerduty.com'],
    ['pagerduty', 'https://attacker.example/v2/enqueue', 'events.pagerduty.com'],
  ] as const)('refuses a %s destination at %s in AWS (%s)', (type, url, says) => {
    expect(() => checkDestination(type, url, AWS_DESTINATIONS)).toThrow(UnsafeDestinationError);
    expect(() => checkDestination(type, url, AWS_DESTINATIONS)).toThrow(says);
  });

  it('allows plain-http loopback destinations, Slack and PagerDuty on the local sink, in local mode only', () => {
    expect(checkDestination('webhook', 'http://127.0.0.1:18111/hook', LOCAL_DESTINATIONS).port).toBe('18111');
    expect(checkDestination('webhook', 'http://localhost:18111/hook', LOCAL_DESTINATIONS).hostname).toBe(
      'localhost',
    );
    expect(
      checkDestination('slack', 'http://127.0.0.1:4570/slack/services/x', LOCAL_DESTINATIONS).pathname,
    ).toBe('/slack/services/x');
    expect(() => checkDestination('webhook', 'http://10.0.0.8/hook', LOCAL_DESTINATIONS)).toThrow('loopback');
    expect(() => checkDestination('webhook', 'http://169.254.169.254/latest', LOCAL_DESTINATIONS)).toThrow(
      'loopback',
    );
    expect(() => checkDestination('slack', 'https://example.com/services/x', LOCAL_DESTINATIONS)).toThrow(
      'hooks.slack.com',
    );
  });

  it('shows only the scheme, host and last four characters of a saved destination', () => {
    const hint = destinationHint(new URL('https://hooks.slack.com/services/T000/B000/secretTOKENabcd'));
    expect(hint).toBe('https://hooks.slack.com/…abcd');
    expect(hint).not.toContain('secretTOKEN');
  });
});
