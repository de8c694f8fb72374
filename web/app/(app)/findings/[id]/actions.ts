'use server';
/** The finding page's status form: the same reader and rules as `POST /api/v1/findings/{id}/status`. */
import { revalidatePath } from 'next/cache';
import { errorBody } from '../../../../lib/api-errors.ts';
import { readStatusChange } from '../../../../lib/status-change.ts';
import { actionTenant } from '../../../../lib/tenant-context.ts';

export async function changeStatusAction(
  findingId: string,
  _previous: { message?: string; ok?: boolean },
  form: FormData,
): Promise<{ message?: string; ok?: boolean }> {
  try {
    const { data } = await actionTenant({ write: true });
    const { action, reason } = readStatusChange({ status: form.get('status'), reason: form.get('reason') });
    const finding = await data.findings.changeStatus(findingId, action, reason);
    revalidatePath(`/findings/${findingId}`);
    return { ok: true, message: `Status is now ${finding.status}.` };
  } catch (error) {
    return { ok: false, message: errorBody(error).body.message };
  }
}
