import type { SchedulingSettings } from './next-review.js';
import { studyDayStart } from './user-day.js';

export type PracticeSettings = SchedulingSettings & { dailyNewLimit: number };

/** A user's practice settings, from their account. */
export function practiceSettingsOf(account: {
  timezone: string;
  dayStartsAtHour: number;
  desiredRetention: number;
  interviewDate: string | null;
  dailyNewLimit: number;
  fsrsWeights?: readonly number[] | null;
}): PracticeSettings {
  return {
    timezone: account.timezone,
    dayStartsAtHour: account.dayStartsAtHour,
    desiredRetention: account.desiredRetention,
    interviewDate: account.interviewDate,
    dailyNewLimit: account.dailyNewLimit,
    weights: account.fsrsWeights ?? null,
  };
}

/** The start of the interview day's study day, while it is still ahead of `now`; else undefined. */
export function upcomingInterview(settings: SchedulingSettings, now: Date): Date | undefined {
  if (!settings.interviewDate) return undefined;
  const at = studyDayStart(settings.interviewDate, settings);
  return at > now ? at : undefined;
}
