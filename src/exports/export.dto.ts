import type * as z from 'zod';
import { queryChoice, queryObject } from '../common/query-schema.js';
import { SET_EXPORT_FORMATS } from './export.service.js';

export const SetExportQueryDto = queryObject({ format: queryChoice(SET_EXPORT_FORMATS) });
export type SetExportQueryDto = z.infer<typeof SetExportQueryDto>;
