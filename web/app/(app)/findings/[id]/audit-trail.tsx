import type { Finding } from '#events/finding.schema';

/** Every status change of a finding, newest first: who, when, from which status to which, and why. */
export function AuditTrail({ finding }: { finding: Finding }) {
  // Findings stored before the trail existed only know their latest change.
  const entries = finding.history ?? [
    {
      at: finding.statusAt,
      by: finding.statusBy ?? 'unknown',
      to: finding.status,
      reason: finding.statusReason ?? '',
    },
  ];
  return (
    <table aria-label="Audit trail">
      <thead>
        <tr>
          <th>When</th>
          <th>Who</th>
          <th>Change</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {[...entries].reverse().map((e, i) => (
          <tr key={`${e.at}-${i}`}>
            <td>
              <time dateTime={e.at}>{e.at.slice(0, 19).replace('T', ' ')}</time>
            </td>
            <td>{e.by}</td>
            <td>{'from' in e && e.from !== undefined ? `${e.from} → ${e.to}` : `created ${e.to}`}</td>
            <td>{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
