'use server';
/** Alert integrations: owners and admins add, remove and test them; every answer is for this response only. */
import { revalidatePath } from 'next/cache';
import { errorBody } from '../../../lib/api-errors.ts';
import { integrationInputFromForm } from '../../../lib/integration-form.ts';
import { actionTenant } from '../../../lib/tenant-context.ts';

export interface IntegrationResult {
  readonly ok: boolean;
  readonly message?: string;
  /** A generated webhook signing secret, shown once. */
  readonly secret?: string;
}

export async function addIntegrationAction(
  _previous: IntegrationResult,
  form: FormData,
): Promise<IntegrationResult> {
  try {
    const { data } = await actionTenant({ write: true });
    const { integration, generatedSecret } = await data.integrations.add(integrationInputFromForm(form));
    revalidatePath('/integrations');
    return {
      ok: true,
      message: `Added ${integration.type} integration ${integration.id} (${integration.destination}).`,
      ...(generatedSecret && { secret: generatedSecret }),
    };
  } catch (error) {
    return { ok: false, message: errorBody(error).body.message };
  }
}

export async function removeIntegrationAction(id: string): Promise<IntegrationResult> {
  try {
    const { data } = await actionTenant({ write: true });
    await data.integrations.remove(id);
    revalidatePath('/integrations');
    return { ok: true, message: `Removed ${id}.` };
  } catch (error) {
    return { ok: false, message: errorBody(error).body.message };
  }
}

export async function sendTestAction(id: string): Promise<IntegrationResult> {
  try {
    const { data } = await actionTenant({ write: true });
    const outcome = await data.integrations.sendTest(id);
    const tries = `${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}`;
    return outcome.kind === 'delivered'
      ? { ok: true, message: `Test event delivered (HTTP ${outcome.status}, ${tries}).` }
      : { ok: false, message: `Not delivered after ${tries}: ${outcome.reason}` };
  } catch (error) {
    return { ok: false, message: errorBody(error).body.message };
  }
}
