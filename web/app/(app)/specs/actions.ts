'use server';
/**
 * Spec upload and removal for the specs page: the same tenant-scoped calls as `PUT` and `DELETE
 * /api/v1/specs/{name}`, answered as a verdict (an invalid document is the user's to fix, not an
 * HTTP error in the browser console).
 */
import { revalidatePath } from 'next/cache';
import { errorBody } from '../../../lib/api-errors.ts';
import { actionTenant } from '../../../lib/tenant-context.ts';
import type { DocumentVerdict } from '../document-problems.tsx';

export async function uploadSpecAction(name: string, text: string): Promise<DocumentVerdict> {
  try {
    const { data } = await actionTenant({ write: true });
    const model = await data.config.putSpec(name, text);
    const assessment = await data.config.reassess();
    revalidatePath('/specs');
    return {
      ok: true,
      message: `Stored spec ${name}: ${model.title} ${model.version}, ${model.operations.length} operations; ${assessment.current} findings now.`,
    };
  } catch (error) {
    const { body } = errorBody(error);
    return { ok: false, message: body.message, problems: body.problems };
  }
}

export async function removeSpecAction(name: string): Promise<DocumentVerdict> {
  try {
    const { data } = await actionTenant({ write: true });
    await data.config.deleteSpec(name);
    await data.config.reassess();
    revalidatePath('/specs');
    return { ok: true, message: `Removed ${name}.` };
  } catch (error) {
    return { ok: false, message: errorBody(error).body.message };
  }
}
