import type * as z from 'zod';
import { queryInt, queryObject, queryPattern } from './query-schema.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const PAGE_QUERY_FIELDS = {
  limit: queryInt(1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  cursor: queryPattern(/^[A-Za-z0-9_-]{1,512}$/, 'a cursor returned by this list').meta({
    description: 'Opaque cursor from the previous page’s `nextCursor`.',
  }),
};

export const PageQueryDto = queryObject(PAGE_QUERY_FIELDS);
export type PageQueryDto = z.infer<typeof PageQueryDto>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
