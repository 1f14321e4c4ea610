import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem.js';
import { OptionalCaller, Public, type Caller } from '../common/auth.js';
import { ListQuestionsQueryDto, QuestionDetailDto, QuestionPageDto, TopicDto } from './question.dto.js';
import { QuestionService } from './question.service.js';

@ApiTags('questions')
@Controller('api')
@Public()
export class QuestionController {
  constructor(private readonly questions: QuestionService) {}

  @Get('topics')
  @ApiOperation({ summary: 'Topics of the public bank, with how many questions each holds' })
  @ApiOkResponse({ type: [TopicDto] })
  listTopics(): Promise<TopicDto[]> {
    return this.questions.listTopics();
  }

  @Get('questions')
  @ApiOperation({ summary: 'List or search questions (keyset-paginated)' })
  @ApiOkResponse({ type: QuestionPageDto })
  @ApiProblemResponses(400)
  list(@Query() query: ListQuestionsQueryDto, @OptionalCaller() caller?: Caller): Promise<QuestionPageDto> {
    return this.questions.list(query, caller?.userId);
  }

  @Get('questions/:idOrSlug')
  @ApiOperation({ summary: 'One question with its current rubric, by id or slug' })
  @ApiOkResponse({ type: QuestionDetailDto })
  @ApiProblemResponses(404)
  get(@Param('idOrSlug') idOrSlug: string, @OptionalCaller() caller?: Caller): Promise<QuestionDetailDto> {
    return this.questions.get(idOrSlug, caller?.userId);
  }
}
