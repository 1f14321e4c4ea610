/** Who may do what in a study group: one function over (role, action), and the ranks for removals. */
export type GroupRole = 'owner' | 'admin' | 'member';
export type GroupAction = 'read' | 'assign' | 'rotate-invite' | 'remove-member' | 'change-roles' | 'delete';

/** What each group role may do; removing someone also needs a higher role than theirs. */
export function canInGroup({ role, action }: { role: GroupRole; action: GroupAction }): boolean {
  if (role === 'owner') return true;
  if (role === 'admin') return action !== 'change-roles' && action !== 'delete';
  return action === 'read';
}

const RANK: Record<GroupRole, number> = { member: 0, admin: 1, owner: 2 };

export function outranks(a: GroupRole, b: GroupRole): boolean {
  return RANK[a] > RANK[b];
}
