/**
 * What part of the deck a queue is asked for: one topic, one question set or one group
 * assignment, or (no scope) the whole deck. A queue has at most one scope.
 */
export type ScopeRequest =
  { kind: 'topic'; slug: string } | { kind: 'set'; setId: string } | { kind: 'assignment'; assignmentId: string };

export const SCOPE_FIELDS = ['topic', 'setId', 'assignmentId'] as const;

/** The scope a queue's query asks for, or the fields that ask for more than one. */
export function scopeRequestOf(query: {
  topic?: string;
  setId?: string;
  assignmentId?: string;
}): { scope: ScopeRequest | undefined } | { conflicting: string[] } {
  const given = SCOPE_FIELDS.filter((field) => query[field] !== undefined);
  if (given.length > 1) return { conflicting: given };
  if (query.topic !== undefined) return { scope: { kind: 'topic', slug: query.topic } };
  if (query.setId !== undefined) return { scope: { kind: 'set', setId: query.setId } };
  if (query.assignmentId !== undefined) return { scope: { kind: 'assignment', assignmentId: query.assignmentId } };
  return { scope: undefined };
}
