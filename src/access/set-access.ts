/**
 * Who may do what with a question set: one function over (role, action, visibility), and the
 * answer a service gives for it. The role itself is resolved in SQL by `setRole` in
 * access.queries.ts. Features ask these; nobody re-derives them.
 */
export type SetVisibility = 'private' | 'unlisted' | 'public';
export type SetRole = 'owner' | 'editor' | 'viewer' | 'stranger';
export type SetAction =
  | 'read'
  | 'edit-content'
  | 'manage-members'
  | 'change-visibility'
  | 'manage-share-link'
  | 'delete'
  | 'fork'
  | 'subscribe';

export const SET_ACTIONS: readonly SetAction[] = [
  'read',
  'edit-content',
  'manage-members',
  'change-visibility',
  'manage-share-link',
  'delete',
  'fork',
  'subscribe',
];
export const SET_ROLES: readonly SetRole[] = ['owner', 'editor', 'viewer', 'stranger'];
export const SET_VISIBILITIES: readonly SetVisibility[] = ['private', 'unlisted', 'public'];

const OWNER_ONLY: ReadonlySet<SetAction> = new Set([
  'manage-members',
  'change-visibility',
  'manage-share-link',
  'delete',
]);
const READER_ACTIONS: ReadonlySet<SetAction> = new Set(['read', 'fork', 'subscribe']);

export function canOnSet({
  role,
  action,
  visibility,
}: {
  role: SetRole;
  action: SetAction;
  visibility: SetVisibility;
}): boolean {
  if (role === 'owner') return true;
  if (OWNER_ONLY.has(action)) return false;
  if (role === 'editor') return true;
  if (role === 'viewer') return READER_ACTIONS.has(action);
  // A stranger reaches a public set like a viewer; an unlisted one only through its share link.
  return visibility === 'public' && READER_ACTIONS.has(action);
}

/**
 * What a request on a set answers: `not-found` when the caller cannot even read it (it does
 * not exist for them: 404), `forbidden` when they can read it but their role does not allow
 * the action (403).
 */
export function setAccessDecision(
  access: { role: SetRole; visibility: SetVisibility } | undefined,
  action: SetAction,
): 'allowed' | 'not-found' | 'forbidden' {
  if (!access || !canOnSet({ ...access, action: 'read' })) return 'not-found';
  return canOnSet({ ...access, action }) ? 'allowed' : 'forbidden';
}
