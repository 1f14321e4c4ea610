import { Body, Controller, Delete, Get, HttpCode, Patch } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem.js';
import { CurrentUser, type Caller } from '../common/auth.js';
import { MeDto, PasswordConfirmationDto, UpdateMeDto } from './account.dto.js';
import { AccountService } from './account.service.js';

@ApiTags('accounts')
@Controller('api/me')
export class MeController {
  constructor(private readonly accounts: AccountService) {}

  @Get()
  @ApiOperation({ summary: 'My account and practice settings' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblemResponses(401)
  get(@CurrentUser() caller: Caller): Promise<MeDto> {
    return this.accounts.get(caller.userId);
  }

  @Patch()
  @ApiOperation({ summary: 'Change my display name and practice settings' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblemResponses(400, 401)
  update(@CurrentUser() caller: Caller, @Body() body: UpdateMeDto): Promise<MeDto> {
    return this.accounts.updateSettings(caller.userId, body);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete my account and personal data (password required)' })
  @ApiNoContentResponse()
  @ApiProblemResponses(400, 401, 403)
  async delete(@CurrentUser() caller: Caller, @Body() body: PasswordConfirmationDto): Promise<void> {
    await this.accounts.delete({ id: caller.userId, password: body.password });
  }
}
