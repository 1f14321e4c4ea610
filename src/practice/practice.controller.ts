import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem.js';
import { CurrentUser, type Caller } from '../common/auth.js';
import {
  AnalysisDto,
  AnalyzeAnswerDto,
  CardDto,
  CardWithHistoryDto,
  DeckDto,
  ForecastDto,
  NextDueDto,
  ForecastQueryDto,
  QueueDto,
  QueueQueryDto,
  RecordCramResponseDto,
  RetentionAdviceDto,
  RetentionAdviceQueryDto,
  RecordReviewDto,
  RecordReviewResponseDto,
  UndoReviewResponseDto,
  UpdateCardDto,
} from './practice.dto.js';
import { FitDto, ParametersDto } from './parameter-fit.dto.js';
import { ParameterFitService } from './parameter-fit.service.js';
import { ApiIdempotencyKey, IdempotencyKey } from '../idempotency/idempotency-key.js';
import { PracticeService } from './practice.service.js';
import { ReviewService } from './review.service.js';

@ApiTags('practice')
@Controller('api/practice')
export class PracticeController {
  constructor(
    private readonly practice: PracticeService,
    private readonly reviews: ReviewService,
    private readonly parameterFits: ParameterFitService,
  ) {}

  @Get('queue')
  @ApiOperation({
    summary: 'What to practise now: due steps, due reviews, then new cards within today’s limit',
    description:
      'New cards from my subscribed sets and my groups’ assignments come before the general bank’s. One scope at most (topic, setId or assignmentId) narrows the queue and its counts; with cram=true the scope’s questions come whatever their due dates.',
  })
  @ApiOkResponse({ type: QueueDto })
  @ApiProblemResponses(400, 401, 404)
  queue(@CurrentUser() caller: Caller, @Query({ schema: QueueQueryDto }) query: QueueQueryDto): Promise<QueueDto> {
    return this.practice.queue(caller.userId, query);
  }

  @Post('reviews')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record a review graded by rubric criteria or a direct rating',
    description:
      'With `cram: true`, the answer is kept as practice history (answer, criteria, rating, duration) and the card is not touched: the answer is a `RecordCramResponseDto`.',
  })
  @ApiIdempotencyKey()
  @ApiExtraModels(RecordReviewResponseDto, RecordCramResponseDto)
  @ApiCreatedResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(RecordReviewResponseDto) }, { $ref: getSchemaPath(RecordCramResponseDto) }],
    },
  })
  @ApiProblemResponses(400, 401, 404, 409)
  record(
    @CurrentUser() caller: Caller,
    @Body() body: RecordReviewDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<RecordReviewResponseDto | RecordCramResponseDto> {
    return this.reviews.record(caller.userId, body, idempotencyKey);
  }

  @Post('reviews/:id/undo')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Undo my latest review of a card, on the study day I gave it: the card goes back as it was',
  })
  @ApiIdempotencyKey()
  @ApiOkResponse({ type: UndoReviewResponseDto })
  @ApiProblemResponses(400, 401, 404, 409)
  undo(
    @CurrentUser() caller: Caller,
    @Param('id') reviewId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
  ): Promise<UndoReviewResponseDto> {
    return this.reviews.undo(caller.userId, reviewId, idempotencyKey);
  }

  @Post('answers/analyze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Which rubric criteria an answer seems to cover (a hint, never a grade)' })
  @ApiOkResponse({ type: AnalysisDto })
  @ApiProblemResponses(400, 401, 404)
  analyze(@CurrentUser() caller: Caller, @Body() body: AnalyzeAnswerDto): Promise<AnalysisDto> {
    return this.practice.analyze(caller.userId, body);
  }

  @Get('cards/:questionId')
  @ApiOperation({ summary: 'My card for a question, with its full review history' })
  @ApiOkResponse({ type: CardWithHistoryDto })
  @ApiProblemResponses(401, 404)
  card(@CurrentUser() caller: Caller, @Param('questionId') questionId: string): Promise<CardWithHistoryDto> {
    return this.practice.card(caller.userId, questionId);
  }

  @Get('cards/:questionId/preview')
  @ApiOperation({ summary: 'When my card would come due after each rating, were it reviewed now (nothing is written)' })
  @ApiOkResponse({ type: NextDueDto })
  @ApiProblemResponses(401, 404)
  preview(@CurrentUser() caller: Caller, @Param('questionId') questionId: string): Promise<NextDueDto> {
    return this.practice.preview(caller.userId, questionId);
  }

  @Patch('cards/:questionId')
  @ApiOperation({ summary: 'Suspend, unsuspend or bury my card for a question' })
  @ApiOkResponse({ type: CardDto })
  @ApiProblemResponses(400, 401, 404)
  updateCard(
    @CurrentUser() caller: Caller,
    @Param('questionId') questionId: string,
    @Body() body: UpdateCardDto,
  ): Promise<CardDto> {
    return this.practice.updateCard(caller.userId, questionId, body);
  }

  @Get('forecast')
  @ApiOperation({ summary: 'Reviews due per day ahead, and predicted recall on the interview date' })
  @ApiOkResponse({ type: ForecastDto })
  @ApiProblemResponses(400, 401)
  forecast(
    @CurrentUser() caller: Caller,
    @Query({ schema: ForecastQueryDto }) query: ForecastQueryDto,
  ): Promise<ForecastDto> {
    return this.practice.forecast(caller.userId, query.days ?? 30);
  }

  @Get('retention-advice')
  @ApiOperation({
    summary: 'Workload and recall for desired retention 0.70 to 0.97, simulated for my deck, with a recommended value',
    description:
      'Simulated over the next year with my FSRS weights, from my started cards’ memory and my unseen questions at my daily new limit. With dailyBudget (answers a day), the recommendation is the highest retention whose workload fits it; without, the one with the fewest answers a day per question recalled.',
  })
  @ApiOkResponse({ type: RetentionAdviceDto })
  @ApiProblemResponses(400, 401)
  retentionAdvice(
    @CurrentUser() caller: Caller,
    @Query({ schema: RetentionAdviceQueryDto }) query: RetentionAdviceQueryDto,
  ): Promise<RetentionAdviceDto> {
    return this.practice.retentionAdvice(caller.userId, query.dailyBudget);
  }

  @Get('parameters')
  @ApiOperation({
    summary: 'The FSRS weights my cards are scheduled with, where they come from, and my latest fit',
  })
  @ApiOkResponse({ type: ParametersDto })
  @ApiProblemResponses(401)
  parameters(@CurrentUser() caller: Caller): Promise<ParametersDto> {
    return this.parameterFits.parameters(caller.userId);
  }

  @Post('parameters/fit')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Fit my own FSRS weights to my review history, as a job',
    description:
      'Answers 202 with the fit to poll (GET /api/practice/parameters/fits/{id}); while a fit is queued or running, that fit. A fit needs 400 usable reviews; it is adopted only when it predicts my latest 20 % of reviews (held out) with a lower log loss than the weights in use, and then every reviewed card is rescheduled from its history with the new weights. A fit also starts by itself after every 500 new reviews.',
  })
  @ApiAcceptedResponse({ type: FitDto })
  @ApiProblemResponses(401)
  requestFit(@CurrentUser() caller: Caller): Promise<FitDto> {
    return this.parameterFits.requestFit(caller.userId);
  }

  @Get('parameters/fits/:id')
  @ApiOperation({ summary: 'One fit of my FSRS weights: status, evaluation before and after, recompute progress' })
  @ApiOkResponse({ type: FitDto })
  @ApiProblemResponses(401, 404)
  fit(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<FitDto> {
    return this.parameterFits.fit({ userId: caller.userId, id });
  }

  @Get('deck')
  @ApiOperation({ summary: 'The topics my new cards come from (empty: all)' })
  @ApiOkResponse({ type: DeckDto })
  @ApiProblemResponses(401)
  deck(@CurrentUser() caller: Caller): Promise<DeckDto> {
    return this.practice.deck(caller.userId);
  }

  @Put('deck')
  @ApiOperation({ summary: 'Narrow my new cards to these topics (empty: all)' })
  @ApiOkResponse({ type: DeckDto })
  @ApiProblemResponses(400, 401)
  setDeck(@CurrentUser() caller: Caller, @Body() body: DeckDto): Promise<DeckDto> {
    return this.practice.setDeck(caller.userId, body.topics);
  }
}
