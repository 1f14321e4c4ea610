import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem.js';
import { CurrentUser, type Caller } from '../common/auth.js';
import { PageQueryDto } from '../common/pagination.js';
import { interviewMarkdown, reportFileName } from './interview-report.js';
import {
  AnswerDto,
  CompleteInterviewDto,
  CreateInterviewDto,
  InterviewDto,
  InterviewPageDto,
  ReportQueryDto,
  ScorecardDto,
} from './interview.dto.js';
import { InterviewService } from './interview.service.js';

@ApiTags('interviews')
@Controller('api/interviews')
export class InterviewController {
  constructor(private readonly interviews: InterviewService) {}

  @Post()
  @ApiOperation({ summary: 'Schedule a mock interview from a set, for a candidate (I am the interviewer)' })
  @ApiCreatedResponse({ type: InterviewDto })
  @ApiProblemResponses(400, 401, 404)
  create(@CurrentUser() caller: Caller, @Body() body: CreateInterviewDto): Promise<InterviewDto> {
    return this.interviews.create(caller, body);
  }

  @Get()
  @ApiOperation({ summary: 'Interviews I run or take, newest first' })
  @ApiOkResponse({ type: InterviewPageDto })
  @ApiProblemResponses(400, 401)
  list(@CurrentUser() caller: Caller, @Query({ schema: PageQueryDto }) query: PageQueryDto): Promise<InterviewPageDto> {
    return this.interviews.list(caller, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One interview (its participants only); feedback shows to the candidate once completed' })
  @ApiOkResponse({ type: InterviewDto })
  @ApiProblemResponses(401, 404)
  get(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<InterviewDto> {
    return this.interviews.get(caller, id);
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Candidate: start answering (the time limit runs from now)' })
  @ApiOkResponse({ type: InterviewDto })
  @ApiProblemResponses(401, 404, 409)
  start(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<InterviewDto> {
    return this.interviews.move(caller, id, 'start');
  }

  @Put(':id/answers/:questionId')
  @ApiOperation({ summary: 'Candidate: save an answer (autosave) while the interview runs' })
  @ApiOkResponse({ type: InterviewDto })
  @ApiProblemResponses(400, 401, 404, 409)
  answer(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Param('questionId') questionId: string,
    @Body() body: AnswerDto,
  ): Promise<InterviewDto> {
    return this.interviews.answer(caller, id, questionId, body.answer);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Candidate: hand in; answers close' })
  @ApiOkResponse({ type: InterviewDto })
  @ApiProblemResponses(401, 404, 409)
  submit(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<InterviewDto> {
    return this.interviews.move(caller, id, 'submit');
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Interviewer: cancel before completion' })
  @ApiOkResponse({ type: InterviewDto })
  @ApiProblemResponses(401, 404, 409)
  cancel(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<InterviewDto> {
    return this.interviews.move(caller, id, 'cancel');
  }

  @Put(':id/scorecards/:questionId')
  @ApiOperation({ summary: 'Interviewer: score each rubric criterion 0-2, with notes' })
  @ApiOkResponse({ type: InterviewDto })
  @ApiProblemResponses(400, 401, 404, 409)
  score(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Param('questionId') questionId: string,
    @Body() body: ScorecardDto,
  ): Promise<InterviewDto> {
    return this.interviews.score(caller, id, questionId, body);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Interviewer: recommend and complete; scored questions become reviews in the candidate’s practice',
  })
  @ApiOkResponse({ type: InterviewDto })
  @ApiProblemResponses(400, 401, 404, 409)
  complete(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Body() body: CompleteInterviewDto,
  ): Promise<InterviewDto> {
    return this.interviews.complete(caller, id, body);
  }

  @Get(':id/report')
  @ApiOperation({ summary: 'The whole interview as JSON, or a Markdown document served as a file to save' })
  @ApiProduces('application/json', 'text/markdown')
  @ApiOkResponse({
    type: InterviewDto,
    headers: {
      'Content-Disposition': {
        description: 'With format=markdown: `attachment; filename="interview-<set title>-<date>.md"`',
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblemResponses(400, 401, 404, 409)
  async report(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Query({ schema: ReportQueryDto }) query: ReportQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InterviewDto | string> {
    const interview = await this.interviews.report(caller, id);
    if (query.format !== 'markdown') return interview;
    void reply.header('content-type', 'text/markdown; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="${reportFileName(interview)}"`);
    return interviewMarkdown(interview);
  }
}
