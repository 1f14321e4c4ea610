import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem.js';
import { CurrentUser, type Caller } from '../common/auth.js';
import { PersonalDataExportDto } from './personal-data.dto.js';
import { PersonalDataService } from './personal-data.service.js';

@ApiTags('accounts')
@Controller('api/me/export')
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataService) {}

  @Get()
  @ApiOperation({ summary: 'Everything Interval holds about me, as JSON (never a password or token hash)' })
  @ApiOkResponse({
    type: PersonalDataExportDto,
    headers: {
      'Content-Disposition': {
        description: '`attachment; filename="interval-export-<date>.json"`: a browser saves it as a file',
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblemResponses(401)
  async export(
    @CurrentUser() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PersonalDataExportDto> {
    const data = await this.personalData.export(caller.userId);
    void reply.header(
      'content-disposition',
      `attachment; filename="interval-export-${data.exportedAt.slice(0, 10)}.json"`,
    );
    return data;
  }
}
