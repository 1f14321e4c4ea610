import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canInGroup, outranks, type GroupAction, type GroupRole } from './group-roles.js';

const ACTIONS: GroupAction[] = ['read', 'assign', 'rotate-invite', 'remove-member', 'change-roles', 'delete'];
const ALLOWED: Record<GroupRole, GroupAction[]> = {
  owner: ACTIONS,
  admin: ['read', 'assign', 'rotate-invite', 'remove-member'],
  member: ['read'],
};

describe('canInGroup', () => {
  for (const role of ['owner', 'admin', 'member'] as GroupRole[]) {
    for (const action of ACTIONS) {
      const expected = ALLOWED[role].includes(action);
      it(`${expected ? 'lets' : 'stops'} a ${role} ${action}`, () =>
        assert.equal(canInGroup({ role, action }), expected));
    }
  }
});

describe('outranks', () => {
  const cases: Array<[GroupRole, GroupRole, boolean]> = [
    ['owner', 'admin', true],
    ['admin', 'member', true],
    ['admin', 'admin', false],
    ['member', 'owner', false],
  ];
  for (const [a, b, expected] of cases)
    it(`${a} ${expected ? 'outranks' : 'does not outrank'} ${b}`, () => assert.equal(outranks(a, b), expected));
});
