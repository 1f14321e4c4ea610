import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem.js';
import { CurrentUser, OptionalCaller, Public, type Caller } from '../common/auth.js';
import {
  CreateQuestionSetDto,
  ListQuestionSetsQueryDto,
  QuestionSetDto,
  QuestionSetPageDto,
  SetMemberByEmailDto,
  SetMemberDto,
  ShareLinkDto,
  UpdateQuestionSetDto,
} from './question-set.dto.js';
import { QuestionSetService } from './question-set.service.js';

@ApiTags('question sets')
@Controller('api')
export class QuestionSetController {
  constructor(private readonly sets: QuestionSetService) {}

  @Post('question-sets')
  @ApiOperation({ summary: 'Create a question set' })
  @ApiCreatedResponse({ type: QuestionSetDto })
  @ApiProblemResponses(400, 401)
  create(@CurrentUser() caller: Caller, @Body() body: CreateQuestionSetDto): Promise<QuestionSetDto> {
    return this.sets.create(caller, body);
  }

  @Get('question-sets')
  @ApiOperation({ summary: 'Sets I own, sets shared with me, and public sets, or one of these (newest first)' })
  @ApiOkResponse({ type: QuestionSetPageDto })
  @ApiProblemResponses(400, 401)
  list(
    @CurrentUser() caller: Caller,
    @Query({ schema: ListQuestionSetsQueryDto }) query: ListQuestionSetsQueryDto,
  ): Promise<QuestionSetPageDto> {
    return this.sets.list(caller, query);
  }

  @Get('question-sets/:id')
  @ApiOperation({ summary: 'A set with its questions in order' })
  @ApiOkResponse({ type: QuestionSetDto })
  @ApiProblemResponses(401, 404)
  get(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<QuestionSetDto> {
    return this.sets.get(caller, id);
  }

  @Patch('question-sets/:id')
  @ApiOperation({ summary: 'Edit title, description or question list (editors), or visibility (owner)' })
  @ApiOkResponse({ type: QuestionSetDto })
  @ApiProblemResponses(400, 401, 403, 404)
  update(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: UpdateQuestionSetDto,
  ): Promise<QuestionSetDto> {
    return this.sets.update(caller, id, body);
  }

  @Delete('question-sets/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a set (owner); interviews made from it keep their copy' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401, 403, 404)
  async delete(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.sets.delete(caller, id);
  }

  @Put('question-sets/:id/members')
  @ApiOperation({ summary: 'Share with a user, named by email, as viewer or editor (owner)' })
  @ApiOkResponse({ type: QuestionSetDto })
  @ApiProblemResponses(400, 401, 403, 404)
  putMemberByEmail(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: SetMemberByEmailDto,
  ): Promise<QuestionSetDto> {
    return this.sets.putMemberByEmail(caller, id, body);
  }

  @Put('question-sets/:id/members/:userId')
  @ApiOperation({ summary: 'Share with a user as viewer or editor (owner)' })
  @ApiOkResponse({ type: QuestionSetDto })
  @ApiProblemResponses(400, 401, 403, 404)
  putMember(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Param('userId') userId: string,
    @Body() body: SetMemberDto,
  ): Promise<QuestionSetDto> {
    return this.sets.putMember(caller, id, userId, body.role);
  }

  @Delete('question-sets/:id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (owner), or leave (the member)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401, 403, 404)
  async removeMember(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Param('userId') userId: string,
  ): Promise<void> {
    await this.sets.removeMember(caller, id, userId);
  }

  @Post('question-sets/:id/share-link')
  @ApiOperation({ summary: 'Create (or replace) the set’s unguessable share link (owner)' })
  @ApiCreatedResponse({ type: ShareLinkDto })
  @ApiProblemResponses(401, 403, 404)
  shareLink(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<ShareLinkDto> {
    return this.sets.createShareLink(caller, id);
  }

  @Delete('question-sets/:id/share-link')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the share link (owner)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401, 403, 404)
  async revokeShareLink(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.sets.revokeShareLink(caller, id);
  }

  @Get('shared/:token')
  @Public()
  @ApiOperation({ summary: 'A set through its share link (no account needed)' })
  @ApiOkResponse({ type: QuestionSetDto })
  @ApiProblemResponses(404)
  shared(@Param('token') token: string, @OptionalCaller() caller?: Caller): Promise<QuestionSetDto> {
    return this.sets.getShared(token, caller?.userId);
  }

  @Post('shared/:token/subscribe')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Subscribe through a share link: its questions enter my deck; if I could not read the set otherwise, I join it as a viewer',
  })
  @ApiOkResponse({ type: QuestionSetDto })
  @ApiProblemResponses(401, 404)
  subscribeShared(@CurrentUser() caller: Caller, @Param('token') token: string): Promise<QuestionSetDto> {
    return this.sets.subscribeShared(caller, token);
  }

  @Post('question-sets/:id/fork')
  @ApiOperation({ summary: 'Copy a set I can read into a private set I own' })
  @ApiCreatedResponse({ type: QuestionSetDto })
  @ApiProblemResponses(401, 404)
  fork(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<QuestionSetDto> {
    return this.sets.fork(caller, id);
  }

  @Post('question-sets/:id/subscribe')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add the set’s questions to my practice deck' })
  @ApiOkResponse({ type: QuestionSetDto })
  @ApiProblemResponses(401, 404)
  subscribe(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<QuestionSetDto> {
    return this.sets.subscribe(caller, id, true);
  }

  @Delete('question-sets/:id/subscribe')
  @ApiOperation({ summary: 'Take the set’s questions out of my deck (cards and history stay)' })
  @ApiOkResponse({ type: QuestionSetDto })
  @ApiProblemResponses(401, 404)
  unsubscribe(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<QuestionSetDto> {
    return this.sets.subscribe(caller, id, false);
  }
}
