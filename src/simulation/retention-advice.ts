import { default_w, FSRSAlgorithm, type FSRSState, Rating } from 'ts-fsrs';
import { MAXIMUM_INTERVAL_DAYS, RELEARNING_STEPS } from '../practice/next-review.js';

/** A started card, as the advice needs it. */
export interface AdviceCard {
  stability: number;
  difficulty: number;
  lastReviewAt: Date | null;
}

/** What one desired retention costs and buys over the horizon. */
export interface RetentionOption {
  desiredRetention: number;
  /** Expected answers a day (first sights, learning and relearning steps, reviews). */
  answersPerDay: number;
  /** Expected number of questions recalled, averaged over the days of the horizon. */
  recalled: number;
  /** Answers a day per question recalled (`answersPerDay` / `recalled`): the work each question kept costs. */
  answersPerRecalled: number;
}

export interface RetentionAdvice {
  recommended: number;
  /** Which rule chose it. */
  rule: 'fits-budget' | 'least-work-per-recall';
  options: RetentionOption[];
}

/** Desired retentions the advice weighs: 0.70 to 0.97 in steps of 0.01. */
export const ADVICE_RETENTIONS: readonly number[] = Array.from({ length: 28 }, (_, i) => (70 + i) / 100);

const DAY_MS = 86_400_000;
/** Stability grid: log-spaced from 0.01 to 2000 days (beyond that, no review falls within a year). */
const S_MIN = 0.01;
const S_MAX = 2000;
const S_POINTS = 100;
const S_STEP = Math.log(S_MAX / S_MIN) / (S_POINTS - 1);
/** Difficulty grid: 1 to 10 in whole steps. */
const D_POINTS = 10;
const STATES = S_POINTS * D_POINTS;
/** Anki's typical first ratings (fsrs-rs `SimulatorConfig::default`), for new questions. */
const TYPICAL_FIRST_RATING: readonly number[] = [0.24, 0.094, 0.495, 0.171];

const sAt = (i: number): number => S_MIN * Math.exp(i * S_STEP);

/**
 * Advises a desired retention for a deck from simulated workload and recall over a horizon (a
 * year by default), for every desired retention from 0.70 to 0.97.
 *
 * The rule: with a daily budget of answers, the highest retention whose expected answers a day
 * fit it (the most recall the candidate can afford; 0.70 if none fits). Without one, Anki's
 * "minimum recommended retention" idea: the retention with the fewest answers per question
 * recalled (averaged over the horizon, so a cohort's review rhythm does not make the figure
 * jump with where the horizon ends).
 *
 * The simulation is an expectation, not a Monte Carlo run: each card's future is a tree of
 * recalled (rated Good) and forgotten (Again, then one relearning step rated Good) reviews at
 * the intervals FSRS sets for that retention, with ts-fsrs's own formulas and the given
 * weights, computed once per retention by dynamic programming over a grid of (stability,
 * difficulty, day) and read off for each card. New questions come in at the daily limit, first
 * rated in Anki's typical proportions, then (unless Easy) one learning step rated Good.
 */
export function adviseRetention({
  weights = default_w,
  cards,
  unseenCount,
  dailyNewLimit,
  now,
  dailyBudget,
  horizonDays = 365,
  retentions = ADVICE_RETENTIONS,
}: {
  weights?: readonly number[];
  cards: readonly AdviceCard[];
  unseenCount: number;
  dailyNewLimit: number;
  now: Date;
  /** Answers a day the candidate means to give, if known. */
  dailyBudget?: number;
  horizonDays?: number;
  retentions?: readonly number[];
}): RetentionAdvice {
  const grid = new Grid(horizonDays, new FSRSAlgorithm({ w: weights }));
  // Recall before a started card's next review does not depend on the retention: summed once per card.
  const started = cards
    .filter((card) => card.lastReviewAt && card.stability > 0)
    .map((card) => {
      const elapsed = Math.max(0, (now.getTime() - card.lastReviewAt!.getTime()) / DAY_MS);
      const recallBefore = new Float64Array(horizonDays + 2);
      for (let u = 0; u <= horizonDays; u++) {
        recallBefore[u + 1] = recallBefore[u] + grid.curve(elapsed + u, card.stability);
      }
      return { state: { stability: card.stability, difficulty: card.difficulty }, elapsed, recallBefore };
    });
  const options = retentions.map((desiredRetention): RetentionOption => {
    const model = new FSRSAlgorithm({
      w: weights,
      request_retention: desiredRetention,
      maximum_interval: MAXIMUM_INTERVAL_DAYS,
      enable_fuzz: false,
      enable_short_term: true,
      relearning_steps: [...RELEARNING_STEPS],
    });
    grid.fill(model);
    let answers = 0;
    let recalled = 0;
    for (const card of started) {
      const outcome = grid.startedCard(model, card);
      answers += outcome.answers;
      recalled += outcome.recalled;
    }
    for (let day = 0; dailyNewLimit > 0 && day * dailyNewLimit < unseenCount && day < horizonDays; day++) {
      const count = Math.min(dailyNewLimit, unseenCount - day * dailyNewLimit);
      const outcome = grid.firstSight(model, day);
      answers += count * outcome.answers;
      recalled += count * outcome.recalled;
    }
    recalled /= horizonDays + 1;
    return {
      desiredRetention,
      answersPerDay: answers / horizonDays,
      recalled,
      answersPerRecalled: recalled > 0 ? answers / horizonDays / recalled : Infinity,
    };
  });
  if (dailyBudget !== undefined) {
    const affordable = options.filter((o) => o.answersPerDay <= dailyBudget);
    const recommended = affordable.length > 0 ? affordable[affordable.length - 1] : options[0];
    return { recommended: recommended.desiredRetention, rule: 'fits-budget', options };
  }
  const best = options.reduce((a, b) => (b.answersPerRecalled < a.answersPerRecalled ? b : a));
  return { recommended: best.desiredRetention, rule: 'least-work-per-recall', options };
}

interface Outcome {
  answers: number;
  /** Recall summed over the days of the horizon. */
  recalled: number;
}

/**
 * Expected future of every grid state (stability, difficulty) just after a review on day t:
 * answers until the horizon, and recall summed over the days from t to the horizon. Filled
 * backwards in time, once per desired retention; stabilities between grid points are
 * interpolated linearly in log-stability.
 */
class Grid {
  private readonly answers: Float64Array;
  private readonly recalled: Float64Array;
  private readonly interval = new Int32Array(S_POINTS);
  /** Recall summed over the first n days after a review, per stability point: cumulative[s * (horizon + 2) + n]. */
  private readonly cumulative: Float64Array;
  /** Landing of each state after a recalled and after a forgotten review: lower stability point, its weight, difficulty point. */
  private readonly upS = new Int32Array(STATES);
  private readonly upW = new Float64Array(STATES);
  private readonly upD = new Int32Array(STATES);
  private readonly downS = new Int32Array(STATES);
  private readonly downW = new Float64Array(STATES);
  private readonly downD = new Int32Array(STATES);
  private readonly recallAtReview = new Float64Array(S_POINTS);

  /** The forgetting curve of the weights (it does not depend on the desired retention). */
  readonly curve: (elapsedDays: number, stability: number) => number;

  constructor(
    private readonly horizon: number,
    memory: FSRSAlgorithm,
  ) {
    this.curve = memory.forgetting_curve;
    this.answers = new Float64Array((horizon + 1) * STATES);
    this.recalled = new Float64Array((horizon + 1) * STATES);
    const width = horizon + 2;
    this.cumulative = new Float64Array(S_POINTS * width);
    for (let s = 0; s < S_POINTS; s++) {
      for (let n = 1; n < width; n++) {
        this.cumulative[s * width + n] = this.cumulative[s * width + n - 1] + this.curve(n - 1, sAt(s));
      }
    }
  }

  fill(model: FSRSAlgorithm): void {
    const { horizon, answers, recalled, interval, cumulative } = this;
    const width = horizon + 2;
    for (let s = 0; s < S_POINTS; s++) {
      interval[s] = model.next_interval(sAt(s), 0);
      this.recallAtReview[s] = model.forgetting_curve(interval[s], sAt(s));
      for (let d = 0; d < D_POINTS; d++) {
        const state: FSRSState = { stability: sAt(s), difficulty: d + 1 };
        const i = s * D_POINTS + d;
        this.land(model.next_state(state, interval[s], Rating.Good), this.upS, this.upW, this.upD, i);
        const lapse = model.next_state(state, interval[s], Rating.Again);
        this.land(model.next_state(lapse, 0, Rating.Good), this.downS, this.downW, this.downD, i);
      }
    }
    const { upS, upW, upD, downS, downW, downD, recallAtReview } = this;
    for (let t = horizon; t >= 0; t--) {
      for (let s = 0; s < S_POINTS; s++) {
        const next = t + interval[s];
        const base = (t * S_POINTS + s) * D_POINTS;
        if (next > horizon) {
          answers.fill(0, base, base + D_POINTS);
          recalled.fill(cumulative[s * width + horizon + 1 - t], base, base + D_POINTS);
          continue;
        }
        const r = recallAtReview[s];
        const meanwhile = cumulative[s * width + interval[s]];
        const at = next * STATES;
        for (let d = 0; d < D_POINTS; d++) {
          const i = s * D_POINTS + d;
          const up = at + upS[i] * D_POINTS + upD[i];
          const down = at + downS[i] * D_POINTS + downD[i];
          const uw = upW[i];
          const dw = downW[i];
          answers[base + d] =
            1 +
            (1 - r) +
            r * ((1 - uw) * answers[up] + uw * answers[up + D_POINTS]) +
            (1 - r) * ((1 - dw) * answers[down] + dw * answers[down + D_POINTS]);
          recalled[base + d] =
            meanwhile +
            r * ((1 - uw) * recalled[up] + uw * recalled[up + D_POINTS]) +
            (1 - r) * ((1 - dw) * recalled[down] + dw * recalled[down + D_POINTS]);
        }
      }
    }
  }

  private land(state: FSRSState, sOut: Int32Array, wOut: Float64Array, dOut: Int32Array, i: number): void {
    const x = Math.log(Math.min(Math.max(state.stability, S_MIN), S_MAX) / S_MIN) / S_STEP;
    const s = Math.min(S_POINTS - 2, Math.floor(x));
    sOut[i] = s;
    wOut[i] = x - s;
    dOut[i] = Math.min(D_POINTS - 1, Math.max(0, Math.round(state.difficulty - 1)));
  }

  /** The future of a state just reached on `day`. */
  private after(state: FSRSState, day: number): Outcome {
    const x = Math.log(Math.min(Math.max(state.stability, S_MIN), S_MAX) / S_MIN) / S_STEP;
    const s = Math.min(S_POINTS - 2, Math.floor(x));
    const w = x - s;
    const at = (day * S_POINTS + s) * D_POINTS + Math.min(D_POINTS - 1, Math.max(0, Math.round(state.difficulty - 1)));
    return {
      answers: (1 - w) * this.answers[at] + w * this.answers[at + D_POINTS],
      recalled: (1 - w) * this.recalled[at] + w * this.recalled[at + D_POINTS],
    };
  }

  /**
   * A started card, `elapsed` days after its last review: recall until its next review
   * (`recallBefore[n]`: summed over the first n days from now), then that review's two outcomes.
   */
  startedCard(
    model: FSRSAlgorithm,
    { state: card, elapsed, recallBefore }: { state: FSRSState; elapsed: number; recallBefore: Float64Array },
  ): Outcome {
    const day = Math.max(0, Math.round(model.next_interval(card.stability, 0) - elapsed));
    const recalled = recallBefore[Math.min(day, this.horizon + 1)];
    if (day > this.horizon) return { answers: 0, recalled };
    const t = Math.round(elapsed + day);
    const r = model.forgetting_curve(elapsed + day, card.stability);
    const good = this.after(model.next_state(card, t, Rating.Good), day);
    const relearnt = this.after(model.next_state(model.next_state(card, t, Rating.Again), 0, Rating.Good), day);
    return {
      answers: 1 + (1 - r) + r * good.answers + (1 - r) * relearnt.answers,
      recalled: recalled + r * good.recalled + (1 - r) * relearnt.recalled,
    };
  }

  /** A new question seen on `day`: its first rating, then (unless Easy) one learning step rated Good. */
  firstSight(model: FSRSAlgorithm, day: number): Outcome {
    let answers = 0;
    let recalled = 0;
    for (let g = 1; g <= 4; g++) {
      const p = TYPICAL_FIRST_RATING[g - 1];
      let state = model.next_state(null, 0, g);
      let steps = 1;
      if (g !== Rating.Easy) {
        state = model.next_state(state, 0, Rating.Good);
        steps++;
      }
      const rest = this.after(state, day);
      answers += p * (steps + rest.answers);
      recalled += p * rest.recalled;
    }
    return { answers, recalled };
  }
}
