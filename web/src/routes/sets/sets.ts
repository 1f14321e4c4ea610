/** Words the set pages share. */
export const VISIBILITY_LABELS = {
  private: 'Private',
  unlisted: 'Unlisted (anyone with the link)',
  public: 'Public',
} as const;

export const VISIBILITY_HINTS = {
  private: 'Only you and the people you add below.',
  unlisted: 'Also anyone you give the share link to; it is not listed anywhere.',
  public: 'Anyone signed in can find, drill, fork and subscribe to it.',
} as const;

export const ROLE_LABELS = {
  owner: 'owner',
  editor: 'editor',
  viewer: 'viewer',
  stranger: 'reader',
  link: 'link',
} as const;
