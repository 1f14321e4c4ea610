import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor } from './cursor.js';

const encoded = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cursor', () => {
  it('round-trips a key', () => {
    const cursor = encodeCursor({ list: 'questions', key: [3, 'Ünïcode title', 'a1'] });
    expect(decodeCursor({ cursor, list: 'questions', kinds: ['number', 'string', 'string'] })).toStrictEqual([
      3,
      'Ünïcode title',
      'a1',
    ]);
  });

  it('keeps float precision of a rank', () => {
    const rank = 0.0607927106320858;
    const cursor = encodeCursor({ list: 'search', key: [rank, 'id'] });
    expect(decodeCursor({ cursor, list: 'search', kinds: ['number', 'string'] })).toStrictEqual([rank, 'id']);
  });

  it.each<[string, string]>([
    ['an empty cursor', ''],
    ['characters outside base64url', 'abc+/='],
    ['a cursor of another list', encoded(['search', 1, 'x'])],
    ['too few values', encoded(['questions', 1])],
    ['a value of the wrong kind', encoded(['questions', '1', 'x', 'y'])],
    ['a non-finite number', Buffer.from('["questions",1e999,"x","y"]').toString('base64url')],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['an object instead of an array', encoded({ list: 'questions' })],
    ['an over-long cursor', 'a'.repeat(513)],
  ])('refuses %s', (_name, cursor) => {
    expect(decodeCursor({ cursor, list: 'questions', kinds: ['number', 'string', 'string'] })).toBeUndefined();
  });
});
