/**
 * What the local alert sink accepts, as Slack and PagerDuty document it: a Slack incoming-webhook
 * message (`text` and/or Block Kit `blocks`, at most 50, header text at most 150 characters) and a
 * PagerDuty Events API v2 event (routing key of 32 characters, a known action, a dedup key for
 * resolve, and for trigger a summary of at most 1,024 characters, a source and a known severity).
 * An empty list means valid.
 */

type Json = Record<string, unknown>;

export function slackMessageErrors(body: Json): string[] {
  const errors: string[] = [];
  const blocks = body.blocks;
  if (typeof body.text !== 'string' && !Array.isArray(blocks)) errors.push('text or blocks is required');
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) return [...errors, 'blocks must be an array'];
    if (blocks.length > 50) errors.push('at most 50 blocks');
    for (const [i, block] of (blocks as Json[]).entries()) {
      if (typeof block?.type !== 'string') errors.push(`blocks[${i}].type is required`);
      const text = (block?.text as Json | undefined)?.text;
      if (block?.type === 'header' && (typeof text !== 'string' || text.length > 150))
        errors.push(`blocks[${i}] header text must be 1-150 characters`);
      if (block?.type === 'section' && typeof text === 'string' && text.length > 3000)
        errors.push(`blocks[${i}] section text must be at most 3000 characters`);
    }
  }
  return errors;
}

const ACTIONS = ['trigger', 'acknowledge', 'resolve'];
const SEVERITIES = ['critical', 'error', 'warning', 'info'];

export function pagerDutyEventErrors(body: Json): string[] {
  const errors: string[] = [];
  if (typeof body.routing_key !== 'string' || body.routing_key.length !== 32)
    errors.push('routing_key must be 32 characters');
  if (!ACTIONS.includes(body.event_action as string))
    errors.push(`event_action must be one of ${ACTIONS.join(', ')}`);
  const dedup = body.dedup_key;
  if (dedup !== undefined && (typeof dedup !== 'string' || dedup.length === 0 || dedup.length > 255))
    errors.push('dedup_key must be 1-255 characters');
  if (body.event_action !== 'trigger' && dedup === undefined) errors.push('dedup_key is required');
  if (body.event_action === 'trigger') {
    const payload = body.payload as Json | undefined;
    if (typeof payload !== 'object' || payload === null) return [...errors, 'payload is required'];
    if (typeof payload.summary !== 'string' || payload.summary.length === 0 || payload.summary.length > 1024)
      errors.push('payload.summary must be 1-1024 characters');
    if (typeof payload.source !== 'string' || payload.source.length === 0)
      errors.push('payload.source is required');
    if (!SEVERITIES.includes(payload.severity as string))
      errors.push(`payload.severity must be one of ${SEVERITIES.join(', ')}`);
  }
  return errors;
}
