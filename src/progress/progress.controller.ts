import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem.js';
import { CurrentUser, type Caller } from '../common/auth.js';
import { GroupProgressDto, LeaderboardEntryDto, MyProgressDto, ProgressQueryDto } from './progress.dto.js';
import { ProgressService } from './progress.service.js';

@ApiTags('progress')
@Controller('api')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Get('study-groups/:id/progress')
  @ApiOperation({ summary: 'Progress per member and for the group (members only); ?format=csv for the members table' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: GroupProgressDto })
  @ApiProblemResponses(400, 401, 404)
  async group(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Query({ schema: ProgressQueryDto }) query: ProgressQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GroupProgressDto | string> {
    if (query.format !== 'csv') return this.progress.group(caller, id);
    void reply.header('content-type', 'text/csv; charset=utf-8');
    void reply.header('content-disposition', `attachment; filename="group-${id}-progress.csv"`);
    return this.progress.groupCsv(caller, id);
  }

  @Get('study-groups/:id/leaderboard')
  @ApiOperation({ summary: 'This week’s opt-in leaderboard: reviews and recall gained since Monday' })
  @ApiOkResponse({ type: [LeaderboardEntryDto] })
  @ApiProblemResponses(401, 404)
  leaderboard(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<LeaderboardEntryDto[]> {
    return this.progress.leaderboard(caller, id);
  }

  @Get('me/progress')
  @ApiOperation({ summary: 'My totals, a year of reviews per day, recall by topic, and the forecast' })
  @ApiOkResponse({ type: MyProgressDto })
  @ApiProblemResponses(401)
  mine(@CurrentUser() caller: Caller): Promise<MyProgressDto> {
    return this.progress.mine(caller.userId);
  }
}
