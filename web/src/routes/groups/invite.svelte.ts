/**
 * An invite code the server has just shown (the group was made, or its code rotated). The
 * server keeps only its hash, so the code lives here, in memory, until the page is left or
 * reloaded: shown once, as the API means it.
 */
export const freshInvite = $state({ groupId: '', code: '' });

export function rememberInvite(groupId: string, code: string): void {
  freshInvite.groupId = groupId;
  freshInvite.code = code;
}
