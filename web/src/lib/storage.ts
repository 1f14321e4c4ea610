/**
 * What must survive a reload, a crash or a dropped connection, kept in the browser per user:
 * the answer being typed for a card, and a review waiting to reach the server. The server
 * stays the source of truth: these only hold what it has not acknowledged yet.
 */
export interface Draft {
  answer: string;
  /** Time spent answering before this page load, in ms. */
  elapsedMs: number;
  isRevealed: boolean;
  criteriaMet: string[];
}

export interface PendingReview {
  idempotencyKey: string;
  body: Record<string, unknown>;
  questionTitle: string;
}

const draftKey = (userId: string, questionId: string) => `interval:draft:${userId}:${questionId}`;
const pendingKey = (userId: string) => `interval:pending-review:${userId}`;

function read<T>(key: string): T | undefined {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or blocked: the draft lives in memory only for this page.
  }
}

export const drafts = {
  get: (userId: string, questionId: string) => read<Draft>(draftKey(userId, questionId)),
  save: (userId: string, questionId: string, draft: Draft) => write(draftKey(userId, questionId), draft),
  clear: (userId: string, questionId: string) => localStorage.removeItem(draftKey(userId, questionId)),
};

export const pendingReviews = {
  get: (userId: string) => read<PendingReview>(pendingKey(userId)),
  save: (userId: string, review: PendingReview) => write(pendingKey(userId), review),
  clear: (userId: string) => localStorage.removeItem(pendingKey(userId)),
};
