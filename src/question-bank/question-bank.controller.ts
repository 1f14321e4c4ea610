import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem.js';
import { RequireRole } from '../common/auth.js';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { BankSyncService } from './bank-sync.service.js';

export class BankSyncReportDto {
  @ApiProperty() created: number;
  @ApiProperty() revised: number;
  @ApiProperty() restored: number;
  @ApiProperty() retired: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() topicsChanged: number;
  @ApiProperty() durationMs: number;
}

@ApiTags('admin')
@Controller('api/admin/question-bank')
export class QuestionBankController {
  constructor(
    private readonly sync: BankSyncService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('sync')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Admin: sync the bank folder now, without a restart' })
  @ApiOkResponse({ type: BankSyncReportDto })
  @ApiProblemResponses(401, 404)
  run(): Promise<BankSyncReportDto> {
    return this.sync.sync(this.config.bankDir);
  }
}
