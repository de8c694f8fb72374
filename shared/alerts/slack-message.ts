/**
 * Slack incoming-webhook messages in Block Kit: a header, the severity, status and endpoint as
 * fields, the evidence, and a button to the finding in the portal. `text` is the notification's
 * fallback. Slack's limits: header 150 characters, a section 3,000, 50 blocks.
 */
import type { AlertFinding } from '#events/alert-event.schema';
import type { PlannedEvent } from './alert-events.ts';
import { endpointText, evidenceText, truncate } from './evidence-text.ts';

const VERB = {
  'finding.opened': 'New finding',
  'finding.reopened': 'Finding reopened',
  'finding.resolved': 'Finding resolved',
  'finding.escalated': 'Finding escalated',
} as const;

const LISTED = 10;

/** Slack's mrkdwn needs `&`, `<` and `>` escaped, or user text could form links and mentions. */
function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const header = (text: string) => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, 150) },
});
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } });

function findingLine(f: AlertFinding): string {
  return `• <${f.url}|${escape(truncate(f.title, 120))}> (${f.severity}) \`${escape(endpointText(f))}\``;
}

/** The message body for one event: `JSON.stringify(slackMessage(event))` is what is posted. */
export function slackMessage(event: PlannedEvent): Record<string, unknown> {
  const { data } = event.body;
  if (event.type === 'finding.digest') {
    const findings = data.findings ?? [];
    const more = findings.length - LISTED;
    const text = `${data.count} finding events for ${data.tenant} (folded into one message)`;
    return {
      text,
      blocks: [
        header(`${data.count} finding events`),
        section(findings.slice(0, LISTED).map(findingLine).join('\n')),
        ...(more > 0 ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `and ${more} more` }] }] : []),
      ],
    };
  }
  if (event.type === 'endpoint.discovered') {
    const endpoints = data.endpoints ?? [];
    const lines = endpoints.slice(0, LISTED).map((e) => `• \`${escape(`${e.method} ${e.host} ${e.path}`)}\``);
    if (endpoints.length > LISTED) lines.push(`and ${endpoints.length - LISTED} more`);
    return {
      text: `${endpoints.length} new API endpoint(s) discovered for ${data.tenant}`,
      blocks: [header(`${endpoints.length} new API endpoint(s) discovered`), section(lines.join('\n'))],
    };
  }
  const f = data.finding!;
  const verb = VERB[event.type];
  return {
    text: `${verb} (${f.severity}): ${f.title} ${endpointText(f)}`,
    blocks: [
      header(`${verb}: ${f.title}`),
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Severity*\n${f.severity}` },
          { type: 'mrkdwn', text: `*Status*\n${f.status}` },
          { type: 'mrkdwn', text: `*Endpoint*\n\`${escape(truncate(endpointText(f), 1900))}\`` },
          { type: 'mrkdwn', text: `*Occurrences*\n${f.occurrences}` },
        ],
      },
      section(`*Evidence*\n${escape(evidenceText(f.evidence, 2000)) || 'none recorded'}`),
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Surveyor' }, url: f.url }],
      },
    ],
  };
}
