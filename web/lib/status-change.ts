/** The one reader of a status change `{ status, reason }`, for the API route and the finding page's form. */
import type { FindingAction } from '#shared/findings/lifecycle';
import { BadRequestError } from './api-errors.ts';

export const STATUS_ACTIONS: Readonly<Record<string, FindingAction>> = {
  acknowledged: 'acknowledge',
  resolved: 'resolve',
  suppressed: 'suppress',
  open: 'reopen',
};

export function readStatusChange(body: unknown): { action: FindingAction; reason: string } {
  const { status, reason } = (body ?? {}) as { status?: unknown; reason?: unknown };
  const action = typeof status === 'string' ? STATUS_ACTIONS[status] : undefined;
  if (action === undefined)
    throw new BadRequestError(`status must be one of ${Object.keys(STATUS_ACTIONS).join(', ')}`);
  if (typeof reason !== 'string' || reason.trim() === '' || reason.length > 1024)
    throw new BadRequestError('reason is required (1-1024 characters)');
  return { action, reason: reason.trim() };
}
