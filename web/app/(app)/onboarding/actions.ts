'use server';
/** Issues an ingest key for the signed-in tenant; the key is returned to this one response only. */
import { errorBody } from '../../../lib/api-errors.ts';
import { actionTenant } from '../../../lib/tenant-context.ts';

export interface IssuedKeyView {
  readonly ok: boolean;
  readonly message?: string;
  readonly key?: string;
  readonly keyId?: string;
  readonly quickCreateUrl?: string;
  readonly curl?: string;
}

export async function issueKeyAction(_previous: IssuedKeyView, form: FormData): Promise<IssuedKeyView> {
  try {
    const { keys } = await actionTenant({ write: true });
    const source = String(form.get('source') ?? '').trim() || undefined;
    const awsAccount = String(form.get('awsAccount') ?? '').trim() || undefined;
    if (awsAccount !== undefined && !/^[0-9]{12}$/.test(awsAccount))
      return { ok: false, message: 'An AWS account id is 12 digits.' };
    const issued = await keys.issue({ source, awsAccount, format: 'nginx' });
    return {
      ok: true,
      key: issued.key,
      keyId: issued.keyId,
      ...(issued.quickCreateUrl && { quickCreateUrl: issued.quickCreateUrl }),
      curl: issued.snippets.curl,
    };
  } catch (error) {
    return { ok: false, message: errorBody(error).body.message };
  }
}

/** Rotates one forwarder credential: a new key for its source (returned once) and the old one revoked. */
export async function rotateKeyAction(keyId: string): Promise<IssuedKeyView & { revokedKeyId?: string }> {
  try {
    const { keys } = await actionTenant({ write: true });
    // No revalidatePath: re-rendering the table would unmount this row's button and the key it shows
    // once; the table shows the old key revoked on the next load.
    const rotated = await keys.rotate(keyId, { format: 'nginx' });
    return {
      ok: true,
      key: rotated.key,
      keyId: rotated.keyId,
      revokedKeyId: rotated.revokedKeyId,
      ...(rotated.quickCreateUrl && { quickCreateUrl: rotated.quickCreateUrl }),
      curl: rotated.snippets.curl,
    };
  } catch (error) {
    return { ok: false, message: errorBody(error).body.message };
  }
}
