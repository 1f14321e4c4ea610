import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiProblemResponses } from '../common/api-problem.js';
import { Public } from '../common/auth.js';
import { requestError } from '../common/common.errors.js';

export class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ enum: ['up'] }) db: 'up';
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblemResponses(503)
  async check(): Promise<HealthDto> {
    try {
      await this.health.check([() => this.database.pingCheck('db', { timeout: 1_500 })]);
    } catch {
      throw requestError('health.database-down', 'Postgres did not answer a ping within 1.5 s.');
    }
    return { status: 'ok', db: 'up' };
  }
}
