import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CATALOGUE, isBuiltInType } from '#shared/findings/catalogue';
import { pageTenant } from '../../../../lib/tenant-context.ts';
import { AuditTrail } from './audit-trail.tsx';
import { StatusForm } from './status-form.tsx';

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { data, canWrite } = await pageTenant();
  const finding = await data.findings.get(id);
  if (finding === undefined) notFound();
  const definition = isBuiltInType(finding.type) ? CATALOGUE[finding.type] : undefined;
  return (
    <main>
      <p>
        <Link href="/findings">← Findings</Link>
      </p>
      <h1>{definition?.title ?? finding.category ?? finding.type}</h1>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{finding.type}</dd>
        <dt>Severity</dt>
        <dd>
          <span className={`badge sev-${finding.severity}`}>{finding.severity}</span>
        </dd>
        <dt>Subject</dt>
        <dd>{finding.subject}</dd>
        <dt>Status</dt>
        <dd>
          <strong>{finding.status}</strong>
          {finding.statusBy && ` by ${finding.statusBy}`} at {finding.statusAt}
          {finding.statusReason && `: “${finding.statusReason}”`}
        </dd>
        <dt>Seen</dt>
        <dd>
          {finding.occurrences} times, {finding.firstSeen} – {finding.lastSeen}
        </dd>
      </dl>
      {(definition?.remediation ?? finding.description) && (
        <>
          <h2>What to do</h2>
          <p>{definition?.remediation ?? finding.description}</p>
        </>
      )}
      <h2>Evidence</h2>
      <pre>{JSON.stringify(finding.evidence, null, 2)}</pre>
      <h2>Audit trail</h2>
      <AuditTrail finding={finding} />
      <h2>Triage</h2>
      {canWrite ? (
        <StatusForm findingId={finding.id} current={finding.status} />
      ) : (
        <p className="muted">Your role is viewer: you can read findings but not change their status.</p>
      )}
    </main>
  );
}
