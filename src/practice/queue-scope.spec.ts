import { describe, expect, it } from '@jest/globals';
import { scopeRequestOf } from './queue-scope.js';

const SET = '7d4f8a52-1c3b-4e6f-9a0d-2b5c8e1f4a70';
const ASSIGNMENT = '1e2d3c4b-5a69-4788-9a6b-5c4d3e2f1a0b';

describe('scopeRequestOf', () => {
  it.each<[string, Parameters<typeof scopeRequestOf>[0], ReturnType<typeof scopeRequestOf>]>([
    ['no scope: the whole deck', {}, { scope: undefined }],
    ['a topic by slug', { topic: 'caching' }, { scope: { kind: 'topic', slug: 'caching' } }],
    ['a question set', { setId: SET }, { scope: { kind: 'set', setId: SET } }],
    ['an assignment', { assignmentId: ASSIGNMENT }, { scope: { kind: 'assignment', assignmentId: ASSIGNMENT } }],
    ['a topic and a set conflict', { topic: 'caching', setId: SET }, { conflicting: ['topic', 'setId'] }],
    [
      'a set and an assignment conflict',
      { setId: SET, assignmentId: ASSIGNMENT },
      { conflicting: ['setId', 'assignmentId'] },
    ],
    [
      'all three conflict, each named',
      { topic: 'caching', setId: SET, assignmentId: ASSIGNMENT },
      { conflicting: ['topic', 'setId', 'assignmentId'] },
    ],
  ])('%s', (_name, query, expected) => {
    expect(scopeRequestOf(query)).toStrictEqual(expected);
  });
});
