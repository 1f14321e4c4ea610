/**
 * Who may do what with a question set: one function over (role, action, visibility).
 * Controllers and services ask it; nobody re-derives it.
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
