import { describe, expect, it } from '@jest/globals';
import { canInGroup, outranks, type GroupAction, type GroupRole } from './group-access.js';

const ACTIONS: GroupAction[] = ['read', 'assign', 'rotate-invite', 'remove-member', 'change-roles', 'delete'];
const ALLOWED: Record<GroupRole, GroupAction[]> = {
  owner: ACTIONS,
  admin: ['read', 'assign', 'rotate-invite', 'remove-member'],
  member: ['read'],
};

describe(canInGroup.name, () => {
  it.each(
    (['owner', 'admin', 'member'] as GroupRole[]).flatMap((role) => ACTIONS.map((action) => [role, action] as const)),
  )('a %s may %s: as listed', (role, action) => {
    expect(canInGroup({ role, action })).toBe(ALLOWED[role].includes(action));
  });
});

describe(outranks.name, () => {
  it.each<[GroupRole, GroupRole, boolean]>([
    ['owner', 'admin', true],
    ['admin', 'member', true],
    ['admin', 'admin', false],
    ['member', 'owner', false],
  ])('%s outranks %s: %s', (a, b, expected) => {
    expect(outranks(a, b)).toBe(expected);
  });
});
