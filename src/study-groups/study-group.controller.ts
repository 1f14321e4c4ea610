import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem.js';
import { CurrentUser, type Caller } from '../common/auth.js';
import {
  AssignSetDto,
  CreatedStudyGroupDto,
  CreateStudyGroupDto,
  InviteCodeDto,
  InvitePreviewDto,
  JoinStudyGroupDto,
  MemberRoleDto,
  MyMembershipDto,
  StudyGroupDto,
  StudyGroupSummaryDto,
} from './study-group.dto.js';
import { StudyGroupService } from './study-group.service.js';

@ApiTags('study groups')
@Controller('api/study-groups')
export class StudyGroupController {
  constructor(private readonly groups: StudyGroupService) {}

  @Post()
  @ApiOperation({ summary: 'Create a group (I am its owner); the invite code is shown once' })
  @ApiCreatedResponse({ type: CreatedStudyGroupDto })
  @ApiProblemResponses(400, 401)
  create(@CurrentUser() caller: Caller, @Body() body: CreateStudyGroupDto): Promise<CreatedStudyGroupDto> {
    return this.groups.create(caller, body.name);
  }

  @Post('join')
  @HttpCode(200)
  @ApiOperation({ summary: 'Join a group by its invite code' })
  @ApiOkResponse({ type: StudyGroupDto })
  @ApiProblemResponses(400, 401, 404)
  join(@CurrentUser() caller: Caller, @Body() body: JoinStudyGroupDto): Promise<StudyGroupDto> {
    return this.groups.join(caller, body.inviteCode);
  }

  // A POST, so that the code travels in the body and never in a URL that logs and proxies keep.
  @Post('invite-preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'What an invite code opens (name, size, whether I am in it), without joining' })
  @ApiOkResponse({ type: InvitePreviewDto })
  @ApiProblemResponses(400, 401, 404)
  previewInvite(@CurrentUser() caller: Caller, @Body() body: JoinStudyGroupDto): Promise<InvitePreviewDto> {
    return this.groups.previewInvite(caller, body.inviteCode);
  }

  @Get()
  @ApiOperation({ summary: 'Groups I belong to' })
  @ApiOkResponse({ type: [StudyGroupSummaryDto] })
  @ApiProblemResponses(401)
  list(@CurrentUser() caller: Caller): Promise<StudyGroupSummaryDto[]> {
    return this.groups.list(caller);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A group with its members and assignments (members only)' })
  @ApiOkResponse({ type: StudyGroupDto })
  @ApiProblemResponses(401, 404)
  get(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<StudyGroupDto> {
    return this.groups.get(caller, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the group (owner)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401, 403, 404)
  async delete(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.groups.delete(caller, id);
  }

  @Post(':id/invite-code')
  @ApiOperation({ summary: 'Rotate the invite code (owner, admins); the old code stops working' })
  @ApiCreatedResponse({ type: InviteCodeDto })
  @ApiProblemResponses(401, 403, 404)
  rotate(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<InviteCodeDto> {
    return this.groups.rotateInvite(caller, id);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Leave (myself), or remove a member (owner, admins)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401, 403, 404, 409)
  async removeMember(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Param('userId') userId: string,
  ): Promise<void> {
    await this.groups.removeMember(caller, id, userId);
  }

  @Put(':id/members/:userId')
  @ApiOperation({ summary: 'Promote to admin or back to member (owner)' })
  @ApiOkResponse({ type: StudyGroupDto })
  @ApiProblemResponses(400, 401, 403, 404)
  setRole(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Param('userId') userId: string,
    @Body() body: MemberRoleDto,
  ): Promise<StudyGroupDto> {
    return this.groups.setRole(caller, id, userId, body.role);
  }

  @Patch(':id/me')
  @ApiOperation({ summary: 'My membership: opt in or out of the weekly leaderboard' })
  @ApiOkResponse({ type: StudyGroupDto })
  @ApiProblemResponses(400, 401, 404)
  me(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: MyMembershipDto): Promise<StudyGroupDto> {
    return this.groups.setLeaderboard(caller, id, body.isOnLeaderboard);
  }

  @Post(':id/assignments')
  @ApiOperation({ summary: 'Assign a question set with a due date (owner, admins)' })
  @ApiCreatedResponse({ type: StudyGroupDto })
  @ApiProblemResponses(400, 401, 403, 404)
  assign(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: AssignSetDto): Promise<StudyGroupDto> {
    return this.groups.assign(caller, id, body.questionSetId, new Date(body.dueAt));
  }

  @Delete(':id/assignments/:assignmentId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an assignment (owner, admins)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401, 403, 404)
  async unassign(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Param('assignmentId') assignmentId: string,
  ): Promise<void> {
    await this.groups.unassign(caller, id, assignmentId);
  }
}
