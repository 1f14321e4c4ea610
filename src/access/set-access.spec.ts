import { describe, expect, it } from '@jest/globals';
import {
  canOnSet,
  SET_ACTIONS,
  SET_ROLES,
  SET_VISIBILITIES,
  setAccessDecision,
  type SetAction,
  type SetRole,
} from './set-access.js';

/** Expected answers, visibility by visibility: every (role, action) is listed. */
const ALLOWED: Record<SetRole, Record<'private' | 'unlisted' | 'public', readonly SetAction[]>> = {
  owner: { private: SET_ACTIONS, unlisted: SET_ACTIONS, public: SET_ACTIONS },
  editor: {
    private: ['read', 'edit-content', 'fork', 'subscribe'],
    unlisted: ['read', 'edit-content', 'fork', 'subscribe'],
    public: ['read', 'edit-content', 'fork', 'subscribe'],
  },
  viewer: {
    private: ['read', 'fork', 'subscribe'],
    unlisted: ['read', 'fork', 'subscribe'],
    public: ['read', 'fork', 'subscribe'],
  },
  stranger: { private: [], unlisted: [], public: ['read', 'fork', 'subscribe'] },
};

const CASES = SET_ROLES.flatMap((role) =>
  SET_VISIBILITIES.flatMap((visibility) =>
    SET_ACTIONS.map((action) => [role, action, visibility, ALLOWED[role][visibility].includes(action)] as const),
  ),
);

describe(canOnSet.name, () => {
  it.each(CASES)('%s may %s a %s set: %s', (role, action, visibility, expected) => {
    expect(canOnSet({ role, action, visibility })).toBe(expected);
  });
});

describe(setAccessDecision.name, () => {
  it.each([
    ['no such set', undefined, 'read', 'not-found'],
    ['a stranger on a private set', { role: 'stranger', visibility: 'private' }, 'read', 'not-found'],
    ['a stranger editing a private set', { role: 'stranger', visibility: 'private' }, 'edit-content', 'not-found'],
    ['a stranger editing a public set', { role: 'stranger', visibility: 'public' }, 'edit-content', 'forbidden'],
    ['a viewer deleting', { role: 'viewer', visibility: 'private' }, 'delete', 'forbidden'],
    ['an editor editing', { role: 'editor', visibility: 'unlisted' }, 'edit-content', 'allowed'],
    ['the owner deleting', { role: 'owner', visibility: 'private' }, 'delete', 'allowed'],
  ] as const)('answers %s with %s → %s', (_name, access, action, expected) => {
    expect(setAccessDecision(access, action)).toBe(expected);
  });
});
