import { Controller, Get } from '@nestjs/common';
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
  @ApiOkResponse({ type: PersonalDataExportDto })
  @ApiProblemResponses(401)
  export(@CurrentUser() caller: Caller): Promise<PersonalDataExportDto> {
    return this.personalData.export(caller.userId);
  }
}
