'use server';
/** The rules editor's check as you type: the same validation a save runs, nothing stored. */
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
