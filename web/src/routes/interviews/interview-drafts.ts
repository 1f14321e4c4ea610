import type { Score } from './interview';

/**
 * What the interview pages must not lose to a reload, kept in this browser per user until the
 * server acknowledges it: the candidate's answer being typed, the interviewer's scorecard
 * (scores and notes) and the closing summary. The server stays the source of truth.
 */
export interface ScorecardDraft {
  scores: Record<string, Score>;
  notes: string;
}

export interface CompletionDraft {
  recommendation: string | null;
  summary: string;
}

const prefix = (userId: string, interviewId: string) => `interval:interview:${userId}:${interviewId}`;

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

function forget(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing was kept.
  }
}

export function interviewDrafts(userId: string, interviewId: string) {
  const base = prefix(userId, interviewId);
  const answerKey = (questionId: string) => `${base}:answer:${questionId}`;
  const scorecardKey = (questionId: string) => `${base}:scorecard:${questionId}`;
  const completionKey = `${base}:completion`;
  return {
    answer: {
      get: (questionId: string) => read<{ answer: string }>(answerKey(questionId))?.answer,
      save: (questionId: string, answer: string) => write(answerKey(questionId), { answer }),
      clear: (questionId: string) => forget(answerKey(questionId)),
    },
    scorecard: {
      get: (questionId: string) => read<ScorecardDraft>(scorecardKey(questionId)),
      save: (questionId: string, draft: ScorecardDraft) => write(scorecardKey(questionId), draft),
      clear: (questionId: string) => forget(scorecardKey(questionId)),
    },
    completion: {
      get: () => read<CompletionDraft>(completionKey),
      save: (draft: CompletionDraft) => write(completionKey, draft),
      clear: () => forget(completionKey),
    },
    /** Every draft of this interview: once it is completed or cancelled, none is needed. */
    clearAll() {
      try {
        for (const key of Object.keys(localStorage)) if (key.startsWith(`${base}:`)) forget(key);
      } catch {
        // Storage blocked: there was nothing to clear.
      }
    },
  };
}

export type InterviewDrafts = ReturnType<typeof interviewDrafts>;
