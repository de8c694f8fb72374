'use server';
/** Members and API tokens: owners invite and remove members; owners and admins manage tokens. */
import { revalidatePath } from 'next/cache';
import { isRole, normalEmail } from '#shared/accounts/account-keys';
import { createApiToken, revokeApiToken } from '#shared/accounts/api-tokens';
import { createInvite } from '#shared/accounts/invites';
import { removeMember } from '#shared/accounts/members';
import { ForbiddenError, errorBody } from '../../../lib/api-errors.ts';
import { serverDeps } from '../../../lib/server-deps.ts';
import { actionTenant } from '../../../lib/tenant-context.ts';

export interface ActionResult {
  readonly ok: boolean;
  readonly message?: string;
  /** Shown once: an invitation link or a new API token. */
  readonly secret?: string;
}

async function ownerTenant() {
  const tenant = await actionTenant({ write: true });
  if (tenant.role !== 'owner') throw new ForbiddenError('Only owners manage members');
  return tenant;
}

export async function inviteAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  try {
    const { data, membership } = await ownerTenant();
    const email = normalEmail(form.get('email'));
    const role = form.get('role');
    if (email === undefined) return { ok: false, message: 'Enter a valid e-mail address.' };
    if (!isRole(role)) return { ok: false, message: 'Choose a role.' };
    const token = await createInvite(serverDeps().accounts, data.tenantId, email, role, membership.email);
    return {
      ok: true,
      message: `Invitation for ${email} (${role}): send them this link, valid 7 days.`,
      secret: `/signup?invite=${token}`,
    };
  } catch (error) {
    return { ok: false, message: errorBody(error).body.message };
  }
}

export async function removeMemberAction(email: string): Promise<ActionResult> {
  try {
    const { data } = await ownerTenant();
    await removeMember(serverDeps().accounts, data.tenantId, email);
    revalidatePath('/settings');
    return { ok: true };
  } catch (error) {
    return { ok: false, message: errorBody(error).body.message };
  }
}

export async function createTokenAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  try {
    const { data, membership } = await actionTenant({ write: true });
    const role = form.get('role') === 'admin' ? 'admin' : 'viewer';
    const created = await createApiToken(serverDeps().accounts, data.tenantId, {
      name: String(form.get('name') ?? ''),
      role,
      createdBy: membership.email,
    });
    revalidatePath('/settings');
    return {
      ok: true,
      message: `Token "${created.view.name}" (${role}): copy it now, it is shown once.`,
      secret: created.token,
    };
  } catch (error) {
    return { ok: false, message: errorBody(error).body.message };
  }
}

export async function revokeTokenAction(tokenId: string): Promise<ActionResult> {
  try {
    const { data } = await actionTenant({ write: true });
    await revokeApiToken(serverDeps().accounts, data.tenantId, tokenId);
    revalidatePath('/settings');
    return { ok: true };
  } catch (error) {
    return { ok: false, message: errorBody(error).body.message };
  }
}
