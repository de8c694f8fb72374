import { describe, it, expect } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { validateAlertEvent } from '#events/validate';
import { alertRequest } from '#shared/alerts/alert-request';
import { newWebhookSecret } from '#shared/alerts/webhook-signature';
import { integration, opened, SECRET } from './fixtures.ts';

describe('Standard Webhooks signing', () => {
  it('signs a finding.opened that the standardwebhooks package verifies', () => {
    const now = new Date();
    const request = alertRequest(integration(), opened(), now);

    const payload = new Webhook(SECRET).verify(request.body, request.headers) as {
      type: string;
      data: { finding: Record<string, unknown> };
    };

    expect(request.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(request.headers['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(payload.type).toBe('finding.opened');
    expect(Object.keys(payload.data.finding)).toEqual(
      expect.arrayContaining(['id', 'type', 'severity', 'status', 'host', 'method', 'path']),
    );
    expect(validateAlertEvent(JSON.parse(request.body))).toBe(true);
  });

  it('carries one signature per secret during a rotation, so either secret verifies', () => {
    const next = newWebhookSecret();
    const request = alertRequest(integration({ secrets: [next, SECRET] }), opened(), new Date());

    expect(request.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(next).verify(request.body, request.headers)).not.toThrow();
    expect(() => new Webhook(SECRET).verify(request.body, request.headers)).not.toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(request.body, request.headers)).toThrow();
  });

  it('keeps the webhook-id and body of an event across attempts; only the timestamp moves', () => {
    const event = opened();
    const first = alertRequest(integration(), event, new Date('2024-05-01T13:00:00Z'));
    const second = alertRequest(integration(), event, new Date('2024-05-01T13:00:05Z'));

    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(second.body).toBe(first.body);
    expect(Number(second.headers['webhook-timestamp']) - Number(first.headers['webhook-timestamp'])).toBe(5);
  });

  it('generates whsec_ secrets of 32 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
