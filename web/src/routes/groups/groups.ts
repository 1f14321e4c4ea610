import { ApiError } from '../../lib/api/client';

/** What the study-group pages share: roles, invite links, the recall scale, wording. */
export type GroupRole = 'owner' | 'admin' | 'member';

const RANK: Record<GroupRole, number> = { member: 0, admin: 1, owner: 2 };

/** The owner and admins manage: invite, assign, remove those below them. The API decides; this only shapes the page. */
export const canManage = (role: GroupRole) => role !== 'member';
export const outranks = (a: GroupRole, b: GroupRole) => RANK[a] > RANK[b];

export const ROLE_LABEL: Record<GroupRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/**
 * The invite link carries the code after `#`: browsers never send a fragment to the server
 * (nor in a Referer), so the secret stays out of request logs.
 */
export function inviteLink(code: string, origin = window.location.origin): string {
  return `${origin}/join#${code}`;
}

const CODE = /([A-Za-z0-9_-]{43})$/;

/** The invite code in a pasted code or invite link, or null. */
export function parseInvite(text: string): string | null {
  return CODE.exec(text.trim())?.[1] ?? null;
}

const PENDING_KEY = 'interval:pending-invite';

/**
 * An invite the visitor chose to accept before signing in or up, kept for this tab only:
 * back on /join after signing in, the page joins without asking again. A link alone cannot
 * set it, so opening a crafted link never joins anyone.
 */
export const pendingInvite = {
  get: (): string | null => sessionStorage.getItem(PENDING_KEY),
  save: (code: string) => sessionStorage.setItem(PENDING_KEY, code),
  clear: () => sessionStorage.removeItem(PENDING_KEY),
};

/** Recall bands of the progress grid, lowest first: colour plus the figure in each cell, never colour alone. */
export const RECALL_BANDS = [
  { min: 0, label: 'under 40 %' },
  { min: 0.4, label: '40–59 %' },
  { min: 0.6, label: '60–74 %' },
  { min: 0.75, label: '75–89 %' },
  { min: 0.9, label: '90 % and over' },
] as const;

export function recallBand(recall: number): number {
  let band = 0;
  for (const [i, b] of RECALL_BANDS.entries()) if (recall >= b.min) band = i;
  return band;
}

/** Whole percent for a cell: 0.843 → "84". */
export const wholePercent = (recall: number) => String(Math.round(recall * 100));

/** The exact figure shown on focus and hover: 0.8434 → "84.3 %". */
export const exactPercent = (recall: number) => `${(recall * 100).toFixed(1)} %`;

/** A due date in the reader's own calendar and clock: "Fri 12 Jun, 09:00". */
export function formatDue(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A `datetime-local` value for a moment in the reader's own time zone. */
export function localDateTimeValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * What to tell the user when a group action fails. A refused admin action (403) says that
 * nothing changed; a group they can no longer see says so without a code or a stack.
 */
export function explainFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong; nothing was changed. Try again.';
  if (error.status === 403) return `${error.message}. Nothing was changed.`;
  if (error.code === 'study-group.not-found') return 'This group was not found or not shared with you.';
  if (error.code === 'study-group.member-not-found') return 'That person is no longer in the group.';
  return error.message;
}
