/**
 * Who may change a question or read its history: one function over the caller and the
 * question's authorship. Whether the caller can see the question at all is resolved in SQL
 * by `questionVisibleTo` in access.queries.ts. Features ask this; nobody re-derives it.
 */
export type QuestionAction = 'edit' | 'read-history';

export interface QuestionAuthorship {
  /** null for a bank question. */
  ownerId: string | null;
  /** Whether the caller can see the question (public bank, their own, or in a set they read). */
  isVisible: boolean;
}

/**
 * `edit` (revise, retire, restore): the author or an admin; a bank question changes only
 * through its file (an admin is told so, anyone else is forbidden); someone who cannot see
 * the question gets not-found. `read-history` (every revision, with what changed): the author
 * or an admin, and not-found for anyone else, since old revisions may hold what the author
 * has since taken out.
 */
export function questionAccessDecision({
  caller,
  question,
  action,
}: {
  caller: { userId: string; role: 'user' | 'admin' };
  question: QuestionAuthorship | undefined;
  action: QuestionAction;
}): 'allowed' | 'not-found' | 'forbidden' | 'managed-by-bank' {
  if (!question) return 'not-found';
  const isAdmin = caller.role === 'admin';
  const isAuthor = question.ownerId !== null && question.ownerId === caller.userId;
  if (action === 'read-history') return isAuthor || isAdmin ? 'allowed' : 'not-found';
  if (!question.isVisible && !isAdmin) return 'not-found';
  if (question.ownerId === null) return isAdmin ? 'managed-by-bank' : 'forbidden';
  return isAuthor || isAdmin ? 'allowed' : 'forbidden';
}
