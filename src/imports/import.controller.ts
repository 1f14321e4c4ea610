import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblemResponses } from '../common/api-problem.js';
import { CurrentUser, type Caller } from '../common/auth.js';
import { PageQueryDto } from '../common/pagination.js';
import { ImportCreatedDto, ImportDto, ImportPageDto, UPLOAD_SCHEMA } from './import.dto.js';
import { ImportService } from './import.service.js';
import { receiveUpload } from './import-upload.js';

@ApiTags('imports')
@Controller('api')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Post('imports')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Upload an Anki package (.apkg) or a CSV of questions to import; a job imports it (poll GET /api/imports/{id})',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_SCHEMA })
  @ApiAcceptedResponse({ type: ImportCreatedDto })
  @ApiProblemResponses(400, 401, 413, 415, 422)
  async create(@CurrentUser() caller: Caller, @Req() request: FastifyRequest): Promise<ImportCreatedDto> {
    return this.imports.create(caller.userId, await receiveUpload(request, this.imports.maxUploadBytes));
  }

  @Get('imports')
  @ApiOperation({ summary: 'My imports, newest first' })
  @ApiOkResponse({ type: ImportPageDto })
  @ApiProblemResponses(400, 401)
  list(@CurrentUser() caller: Caller, @Query({ schema: PageQueryDto }) query: PageQueryDto): Promise<ImportPageDto> {
    return this.imports.list(caller.userId, query);
  }

  @Get('imports/:id')
  @ApiOperation({ summary: 'An import’s status, progress and, once done, what it did' })
  @ApiOkResponse({ type: ImportDto })
  @ApiProblemResponses(401, 404)
  get(@CurrentUser() caller: Caller, @Param('id') id: string): Promise<ImportDto> {
    return this.imports.get(caller.userId, id);
  }
}
