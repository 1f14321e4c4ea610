import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canOnSet, SET_ACTIONS, SET_ROLES, SET_VISIBILITIES, type SetAction, type SetRole } from './set-permissions.js';

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

describe('canOnSet', () => {
  for (const role of SET_ROLES) {
    for (const visibility of SET_VISIBILITIES) {
      for (const action of SET_ACTIONS) {
        const expected = ALLOWED[role][visibility].includes(action);
        it(`${expected ? 'lets' : 'stops'} ${role} ${action} a ${visibility} set`, () =>
          assert.equal(canOnSet({ role, action, visibility }), expected));
      }
    }
  }
});
