import { describe, expect, it, jest } from '@jest/globals';
import { act, fireEvent, render, screen } from '@testing-library/react';

// The form's server action runs on the server; here a stand-in records what the form sends.
const calls: { findingId: string; status: FormDataEntryValue | null; reason: FormDataEntryValue | null }[] =
  [];
jest.unstable_mockModule('../../web/app/(app)/findings/[id]/actions.ts', () => ({
  changeStatusAction: async (findingId: string, _previous: unknown, form: FormData) => {
    calls.push({ findingId, status: form.get('status'), reason: form.get('reason') });
    return { ok: true, message: `Status is now ${String(form.get('status'))}.` };
  },
}));
const { StatusForm } = await import('../../web/app/(app)/findings/[id]/status-form.tsx');
const { AuditTrail } = await import('../../web/app/(app)/findings/[id]/audit-trail.tsx');

describe('finding status form', () => {
  it('proposes acknowledging an open finding and reopening any other', () => {
    const { unmount } = render(<StatusForm findingId="a" current="open" />);
    expect((screen.getByLabelText('New status') as HTMLSelectElement).value).toBe('acknowledged');
    unmount();

    render(<StatusForm findingId="a" current="resolved" />);
    expect((screen.getByLabelText('New status') as HTMLSelectElement).value).toBe('open');
  });

  it('requires a reason, and sends the status and reason for this finding', async () => {
    render(<StatusForm findingId="f00d" current="open" />);
    const reason = screen.getByLabelText('Reason') as HTMLTextAreaElement;
    expect(reason.required).toBe(true);

    fireEvent.change(reason, { target: { value: 'known, ticket 12' } });
    await act(async () => {
      fireEvent.submit(screen.getByRole('button', { name: 'Change status' }).closest('form')!);
    });

    expect(calls).toEqual([{ findingId: 'f00d', status: 'acknowledged', reason: 'known, ticket 12' }]);
    expect((await screen.findByRole('status')).textContent).toBe('Status is now acknowledged.');
  });
});

describe('finding audit trail', () => {
  const finding = {
    id: '0'.repeat(32),
    tenant: 'acme',
    type: 'shadow-endpoint',
    severity: 'high',
    host: 'api.example.com',
    subject: 'api.example.com GET /debug',
    evidence: {},
    firstSeen: '2026-12-01T00:00:00.000Z',
    lastSeen: '2026-12-01T00:00:00.000Z',
    occurrences: 1,
    status: 'acknowledged',
    statusAt: '2026-12-02T09:00:00.000Z',
    statusBy: 'alice@example.com',
    statusReason: 'ticket 12',
  } as const;

  it('shows every change newest first with who, when, from and to, and why', () => {
    render(
      <AuditTrail
        finding={{
          ...finding,
          history: [
            { at: '2026-12-01T00:00:00.000Z', by: 'surveyor', to: 'open', reason: 'detected' },
            {
              at: '2026-12-02T09:00:00.000Z',
              by: 'alice@example.com',
              from: 'open',
              to: 'acknowledged',
              reason: 'ticket 12',
            },
          ],
        }}
      />,
    );

    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['2026-12-02 09:00:00', 'alice@example.com', 'open → acknowledged', 'ticket 12'],
      ['2026-12-01 00:00:00', 'surveyor', 'created open', 'detected'],
    ]);
  });

  it('shows the latest change of a finding stored before the trail existed', () => {
    render(<AuditTrail finding={finding} />);

    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('alice@example.com');
  });
});
