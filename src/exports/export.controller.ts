import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem.js';
import { CurrentUser, type Caller } from '../common/auth.js';
import { SetExportQueryDto } from './export.dto.js';
import { ExportService, type ExportFile } from './export.service.js';

const FILE = { type: 'string', format: 'binary' } as const;

function download(file: ExportFile): StreamableFile {
  const ascii = file.fileName.replace(/[^\x20-\x7e]|"/g, '_');
  return new StreamableFile(file.stream, {
    type: file.contentType,
    disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  });
}

@ApiTags('exports')
@Controller('api')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get('question-sets/:id/export')
  @ApiOperation({
    summary:
      'A set I can read as a file: an Anki package (?format=apkg, with my schedule and review history of its questions) a CSV of its questions (?format=csv), or its rubric questions as question-bank Markdown files in a zip (?format=markdown)',
  })
  @ApiOkResponse({
    description: 'The file, streamed, named in Content-Disposition',
    content: {
      'application/octet-stream': { schema: FILE },
      'text/csv': { schema: FILE },
      'application/zip': { schema: FILE },
    },
  })
  @ApiProblemResponses(400, 401, 404)
  async set(
    @CurrentUser() caller: Caller,
    @Param('id') id: string,
    @Query({ schema: SetExportQueryDto }) query: SetExportQueryDto,
  ): Promise<StreamableFile> {
    return download(await this.exports.set(caller, id, query.format ?? 'apkg'));
  }

  @Get('me/export/reviews.csv')
  @ApiOperation({
    summary:
      'My review history as the FSRS optimizer reads it: card_id, review_time, review_rating, review_state, review_duration',
  })
  @ApiOkResponse({ description: 'The CSV, streamed', content: { 'text/csv': { schema: FILE } } })
  @ApiProblemResponses(401)
  reviews(@CurrentUser() caller: Caller): StreamableFile {
    return download(this.exports.reviewsCsv(caller.userId));
  }
}
