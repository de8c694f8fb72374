'use server';
/**
 * The rules editor: a check as you type (the validation a save runs, nothing stored) and the save,
 * the same tenant-scoped call as `PUT /api/v1/rules`, answered as a verdict.
 */
import { revalidatePath } from 'next/cache';
import { loadRiskDocument } from '#shared/rules/load-rules';
import { errorBody } from '../../../lib/api-errors.ts';
import { actionTenant } from '../../../lib/tenant-context.ts';
import type { DocumentVerdict } from '../document-problems.tsx';

export async function checkRulesAction(text: string): Promise<DocumentVerdict> {
  try {
    await actionTenant();
    const { rules } = loadRiskDocument(text, 'rules');
    return { ok: true, message: `Valid: ${rules.length} rule${rules.length === 1 ? '' : 's'}.` };
  } catch (error) {
    const { body } = errorBody(error);
    return { ok: false, message: body.message, problems: body.problems };
  }
}

export async function saveRulesAction(text: string): Promise<DocumentVerdict> {
  try {
    const { data } = await actionTenant({ write: true });
    await data.config.putRules(text, 'rules');
    const assessment = await data.config.reassess();
    revalidatePath('/rules');
    return { ok: true, message: `Saved; ${assessment.current} findings now with these rules.` };
  } catch (error) {
    const { body } = errorBody(error);
    return { ok: false, message: body.message, problems: body.problems };
  }
}
