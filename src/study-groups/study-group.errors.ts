import { errorFactory, type ErrorCatalogue } from '../common/domain-error.js';

export const STUDY_GROUP_ERRORS = {
  'study-group.not-found': { status: 404, title: 'Study group not found' },
  'study-group.forbidden': { status: 403, title: 'Only the group’s owner or admins may do this' },
  'study-group.invalid-invite-code': { status: 404, title: 'No group has this invite code' },
  'study-group.member-not-found': { status: 404, title: 'This user is not a member of the group' },
  'study-group.owner-cannot-leave': { status: 409, title: 'The owner cannot leave; delete the group instead' },
} as const satisfies ErrorCatalogue;

export const studyGroupError = errorFactory(STUDY_GROUP_ERRORS);
