import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsString, IsUUID, Length, Matches } from 'class-validator';
import type { GroupRole } from '../access/group-access.js';

export class CreateStudyGroupDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class JoinStudyGroupDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'inviteCode must be an invite code' })
  inviteCode: string;
}

export class AssignSetDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  questionSetId: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true, strictSeparator: true })
  dueAt: string;
}

export class MemberRoleDto {
  @ApiProperty({ enum: ['admin', 'member'] })
  @IsIn(['admin', 'member'])
  role: 'admin' | 'member';
}

export class MyMembershipDto {
  @ApiProperty({ description: 'Show me on the group’s weekly leaderboard' })
  @IsBoolean()
  isOnLeaderboard: boolean;
}

export class GroupMemberDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['owner', 'admin', 'member'] }) role: GroupRole;
  @ApiProperty() isOnLeaderboard: boolean;
}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) questionSetId: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() questionCount: number;
}

export class StudyGroupSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['owner', 'admin', 'member'], description: 'My role' }) role: GroupRole;
  @ApiProperty() memberCount: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class StudyGroupDto extends StudyGroupSummaryDto {
  @ApiProperty({ type: [GroupMemberDto] }) members: GroupMemberDto[];
  @ApiProperty({ type: [AssignmentDto] }) assignments: AssignmentDto[];
}

export class InviteCodeDto {
  @ApiProperty({ description: 'Shown once; only its hash is stored. Rotating it ends the old one.' })
  inviteCode: string;
}

export class CreatedStudyGroupDto extends StudyGroupDto {
  @ApiProperty() inviteCode: string;
}
