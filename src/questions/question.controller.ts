import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateQuestionDto, UpdateQuestionDto } from './authored-question.dto.js';
import { ApiProblemResponses } from '../common/api-problem.js';
import { CurrentUser, OptionalCaller, Public, type Caller } from '../common/auth.js';
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
