import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuthoredQuestionPageDto,
  CreateQuestionDto,
  ListAuthoredQuestionsQueryDto,
  QuestionRevisionPageDto,
  TermCheckDto,
  TermCheckRequestDto,
  UpdateQuestionDto,
} from './authored-question.dto.js';
import { ApiProblemResponses } from '../common/api-problem.js';
import { CurrentUser, OptionalCaller, Public, type Caller } from '../common/auth.js';
import { PageQueryDto } from '../common/pagination.js';
import { ListQuestionsQueryDto, QuestionDetailDto, QuestionPageDto, TopicDto } from './question.dto.js';
import { QuestionService } from './question.service.js';

@ApiTags('questions')
@Controller('api')
export class QuestionController {
  constructor(private readonly questions: QuestionService) {}

  @Get('topics')
  @Public()
  @ApiOperation({ summary: 'Topics of the public bank, with how many questions each holds' })
  @ApiOkResponse({ type: [TopicDto] })
  listTopics(): Promise<TopicDto[]> {
    return this.questions.listTopics();
  }

  @Get('questions')
  @Public()
  @ApiOperation({ summary: 'List or search questions (keyset-paginated)' })
  @ApiOkResponse({ type: QuestionPageDto })
  @ApiProblemResponses(400)
  list(
    @Query({ schema: ListQuestionsQueryDto }) query: ListQuestionsQueryDto,
    @OptionalCaller() caller?: Caller,
  ): Promise<QuestionPageDto> {
    return this.questions.list(query, caller?.userId);
  }

  @Post('questions')
  @ApiOperation({ summary: 'Write a private question with its rubric (ids are assigned to the criteria)' })
  @ApiCreatedResponse({ type: QuestionDetailDto })
  @ApiProblemResponses(400, 401)
  create(@CurrentUser() caller: Caller, @Body() body: CreateQuestionDto): Promise<QuestionDetailDto> {
    return this.questions.createAuthored(caller, body);
  }

  @Post('questions/term-check')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What the answer analysis makes of signal terms: dead ones (stop words only) and dropped negations',
  })
  @ApiOkResponse({ type: [TermCheckDto] })
  @ApiProblemResponses(400, 401)
  checkTerms(@Body() body: TermCheckRequestDto): Promise<TermCheckDto[]> {
    return this.questions.checkTerms(body.terms);
  }

  @Get('me/questions')
  @ApiOperation({ summary: 'The questions I wrote, live or retired, last edited first (keyset-paginated)' })
  @ApiOkResponse({ type: AuthoredQuestionPageDto })
  @ApiProblemResponses(400, 401)
  listMine(
    @CurrentUser() caller: Caller,
    @Query({ schema: ListAuthoredQuestionsQueryDto }) query: ListAuthoredQuestionsQueryDto,
  ): Promise<AuthoredQuestionPageDto> {
    return this.questions.listAuthored(caller, query);
  }

  @Get('questions/:id/revisions')
  @ApiOperation({
    summary: 'Every revision of my question, newest first, with its rubric and what changed (author or admin)',
  })
  @ApiOkResponse({ type: QuestionRevisionPageDto })
  @ApiProblemResponses(400, 401, 404)
  listRevisions(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Query({ schema: PageQueryDto }) query: PageQueryDto,
  ): Promise<QuestionRevisionPageDto> {
    return this.questions.listRevisions(caller, id, query);
  }

  @Post('questions/:id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bring my retired question back (author or admin); a live one stays as it is' })
  @ApiOkResponse({ type: QuestionDetailDto })
  @ApiProblemResponses(401, 403, 404, 409)
  restore(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<QuestionDetailDto> {
    return this.questions.restoreAuthored(caller, id);
  }

  @Patch('questions/:idOrSlug')
  @ApiOperation({ summary: 'Edit my question: a new revision; reviews keep the one they were graded on' })
  @ApiOkResponse({ type: QuestionDetailDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  update(
    @CurrentUser() caller: Caller,
    @Param('idOrSlug') id: string,
    @Body() body: UpdateQuestionDto,
  ): Promise<QuestionDetailDto> {
    return this.questions.reviseAuthored(caller, id, body);
  }

  @Delete('questions/:idOrSlug')
  @HttpCode(204)
  @ApiOperation({ summary: 'Retire my question (hidden; history kept)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(401, 403, 404, 409)
  async retire(@CurrentUser() caller: Caller, @Param('idOrSlug') id: string): Promise<void> {
    await this.questions.retireAuthored(caller, id);
  }

  @Get('questions/:idOrSlug')
  @Public()
  @ApiOperation({ summary: 'One question with its current rubric, by id or slug' })
  @ApiOkResponse({ type: QuestionDetailDto })
  @ApiProblemResponses(404)
  get(@Param('idOrSlug') idOrSlug: string, @OptionalCaller() caller?: Caller): Promise<QuestionDetailDto> {
    return this.questions.get(idOrSlug, caller?.userId);
  }
}
