import type { Schemas } from '../../lib/api/client';
import { decimal, plural } from '../../lib/format';

export type Advice = Schemas['RetentionAdviceDto'];
export type RetentionOption = Schemas['RetentionOptionDto'];

/** The retentions the table shows, besides the current and the recommended ones. */
const LANDMARKS = [0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97];

/** Retentions compared in hundredths: 0.9 and 0.9000000001 are the same setting. */
export const hundredths = (retention: number) => Math.round(retention * 100);

export const sameRetention = (a: number, b: number) => hundredths(a) === hundredths(b);

/** A desired retention as the settings field holds it: "0.86". */
export const retentionText = (retention: number) => decimal(retention, 2);

/** A few options to compare (the landmarks, the current and the recommended), lowest first. */
export function optionsToShow(advice: Pick<Advice, 'options' | 'current' | 'recommended'>): RetentionOption[] {
  const wanted = new Set([...LANDMARKS, advice.current, advice.recommended].map(hundredths));
  return advice.options.filter((option) => wanted.has(hundredths(option.desiredRetention)));
}

/** Why the recommended retention is the one, as a sentence. */
export function ruleText(advice: Pick<Advice, 'rule' | 'options'>, dailyBudget: number | undefined): string {
  if (advice.rule === 'least-work-per-recall' || dailyBudget === undefined) {
    return 'Of the retentions from 0.70 to 0.97, it costs the fewest answers a day for each question you recall over the next year.';
  }
  const lowest = advice.options[0];
  if (lowest && lowest.answersPerDay > dailyBudget) {
    return `Even ${retentionText(lowest.desiredRetention)}, the lowest the advice goes, needs about ${decimal(lowest.answersPerDay, 1)} answers a day, more than your ${dailyBudget}.`;
  }
  return `It is the highest retention whose workload fits your ${plural(dailyBudget, 'answer')} a day.`;
}
