import { ApiProperty } from '@nestjs/swagger';
import type * as z from 'zod';
import { queryChoice, queryObject } from '../common/query-schema.js';
import { ForecastDto } from '../practice/practice.dto.js';

export const ProgressQueryDto = queryObject({ format: queryChoice(['json', 'csv']) });
export type ProgressQueryDto = z.infer<typeof ProgressQueryDto>;

export class TopicProgressDto {
  @ApiProperty() topic: string;
  @ApiProperty() assigned: number;
  @ApiProperty() started: number;
  @ApiProperty({ description: 'Mean predicted recall now, 0..1 (unstarted count 0)' }) recall: number;
  @ApiProperty() overdue: number;
}

export class AssignmentRecallDto {
  @ApiProperty({ format: 'uuid' }) assignmentId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ description: 'Mean predicted recall on the due date, 0..1' }) recallAtDue: number;
}

export class MemberProgressDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() assigned: number;
  @ApiProperty() started: number;
  @ApiProperty() reviewsLast7Days: number;
  @ApiProperty({ description: 'In the member’s own time zone and day start' }) streakDays: number;
  @ApiProperty({ description: '0..1' }) recallNow: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'On the nearest upcoming due date, 0..1' }) recallAtDue:
    number | null;
  @ApiProperty({ type: [AssignmentRecallDto] }) assignments: AssignmentRecallDto[];
  @ApiProperty() overdue: number;
  @ApiProperty({ type: [TopicProgressDto] }) byTopic: TopicProgressDto[];
}

export class GroupTopicDto {
  @ApiProperty() topic: string;
  @ApiProperty() recall: number;
  @ApiProperty() started: number;
  @ApiProperty() overdue: number;
}

export class GroupTotalsDto {
  @ApiProperty() members: number;
  @ApiProperty() assigned: number;
  @ApiProperty() started: number;
  @ApiProperty() reviewsLast7Days: number;
  @ApiProperty() overdue: number;
  @ApiProperty() recallNow: number;
  @ApiProperty({ type: 'number', nullable: true }) recallAtDue: number | null;
  @ApiProperty({ type: [GroupTopicDto] }) byTopic: GroupTopicDto[];
}

export class GroupProgressDto {
  @ApiProperty({ type: GroupTotalsDto }) group: GroupTotalsDto;
  @ApiProperty({ type: [MemberProgressDto] }) members: MemberProgressDto[];
}

export class LeaderboardEntryDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'date', description: 'Monday of the member’s week' }) weekStart: string;
  @ApiProperty() reviewsThisWeek: number;
  @ApiProperty({ description: 'Recall gained on the assigned questions since the week began' }) recallGained: number;
}

export class DayCountDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ description: 'Reviews that count (not undone); cram answers are not reviews' }) count: number;
  @ApiProperty({ description: 'Cram answers that day: practice shown on the heatmap, never in streaks or totals' })
  cram: number;
}

export class MyTotalsDto {
  @ApiProperty() cardsStarted: number;
  @ApiProperty() reviewsTotal: number;
  @ApiProperty() reviewsToday: number;
  @ApiProperty() streakDays: number;
  @ApiProperty() dueToday: number;
}

export class TopicRecallNowDto {
  @ApiProperty() topic: string;
  @ApiProperty() started: number;
  @ApiProperty({ description: 'Mean predicted recall now over my started cards, 0..1' }) recall: number;
}

export class MyProgressDto {
  @ApiProperty({ type: MyTotalsDto }) totals: MyTotalsDto;
  @ApiProperty({ type: [DayCountDto], description: 'The last 365 study days, oldest first (for a heatmap)' })
  reviewsPerDay: DayCountDto[];
  @ApiProperty({ type: [TopicRecallNowDto] }) recallByTopic: TopicRecallNowDto[];
  @ApiProperty({ type: ForecastDto }) forecast: ForecastDto;
}
