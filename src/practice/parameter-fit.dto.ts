import { ApiProperty } from '@nestjs/swagger';
import { FIT_STATUSES, FIT_TRIGGERS, type FitStatus, type FitTrigger } from './parameter-fit.entity.js';
import type { FitRow } from './parameter-fit.queries.js';

export class FitMetricsDto {
  @ApiProperty({
    description: 'Mean binary cross-entropy of predicted recall on the held-out reviews (lower is better)',
  })
  logLoss: number;
  @ApiProperty({ description: 'Calibration RMSE over 20 bins of predicted recall (lower is better)' })
  rmseBins: number;
}

export class FitEvaluationDto {
  @ApiProperty({ type: FitMetricsDto, description: 'The weights in use before the fit, on the held-out reviews' })
  before: FitMetricsDto;
  @ApiProperty({ type: FitMetricsDto, description: 'The fitted weights, on the same held-out reviews' })
  after: FitMetricsDto;
  @ApiProperty({ description: 'Training items: the earliest 80 % by time of their last review' }) trainItems: number;
  @ApiProperty({ description: 'Held-out items: the latest 20 %' }) testItems: number;
}

export class RecomputeProgressDto {
  @ApiProperty() done: number;
  @ApiProperty() total: number;
}

export class FitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    enum: FIT_STATUSES,
    description:
      'queued, running, then adopted (better on held-out reviews: now in use), rejected (not better), refused (too little history) or failed',
  })
  status: FitStatus;
  @ApiProperty({ enum: FIT_TRIGGERS, description: 'Asked for, or started by itself after enough new reviews' })
  trigger: FitTrigger;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Reviews the fit learnt from, after invalid ones' })
  reviewCount: number | null;
  @ApiProperty({ type: [Number], nullable: true, description: 'The 21 fitted FSRS-6 weights' })
  weights: number[] | null;
  @ApiProperty({ type: FitEvaluationDto, nullable: true }) evaluation: FitEvaluationDto | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Why it was refused, rejected or failed' })
  reason: string | null;
  @ApiProperty({
    type: RecomputeProgressDto,
    nullable: true,
    description: 'Adopted fits: cards whose memory has been recomputed with the new weights',
  })
  recompute: RecomputeProgressDto | null;
}

export class ParametersDto {
  @ApiProperty({ type: [Number], description: 'The 21 FSRS-6 weights my cards are scheduled with' })
  weights: number[];
  @ApiProperty({
    enum: ['default', 'population', 'fitted'],
    description: "FSRS's defaults, Interval's population prior, or my own adopted fit",
  })
  source: 'default' | 'population' | 'fitted';
  @ApiProperty({ description: 'Counted reviews needed before a first fit is tried' }) minReviewsForFit: number;
  @ApiProperty({ description: 'New reviews after a fit that start the next one by itself' }) autoFitEvery: number;
  @ApiProperty({ type: FitDto, nullable: true }) lastFit: FitDto | null;
}

export function toFitDto(row: FitRow): FitDto {
  return {
    id: row.id,
    status: row.status,
    trigger: row.trigger,
    requestedAt: row.requestedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    reviewCount: row.reviewCount,
    weights: row.weights,
    evaluation: row.evaluation,
    reason: row.reason,
    recompute:
      row.status === 'adopted' && row.cardsToRecompute !== null
        ? { done: row.recomputedCards, total: row.cardsToRecompute }
        : null,
  };
}
