import { describe, expect, it } from '@jest/globals';
import { decodeMessage, encodeMessage, intField, messagesField, ProtobufError, stringField } from './protobuf.js';

describe('protobuf', () => {
  it('reads back what it writes: varints, strings, nested messages', () => {
    const inner = encodeMessage([
      [1, 'name.png'],
      [2, 300],
    ]);
    const message = decodeMessage(
      encodeMessage([
        [1, inner],
        [1, inner],
        [3, 2 ** 40],
      ]),
    );
    expect(messagesField(message, 1).map((m) => [stringField(m, 1), intField(m, 2)])).toEqual([
      ['name.png', 300],
      ['name.png', 300],
    ]);
    expect(intField(message, 3)).toBe(2 ** 40);
    expect(intField(message, 9)).toBe(0);
  });

  it("reads Anki's package meta (version 3 is the bytes 08 03)", () => {
    expect(intField(decodeMessage(Uint8Array.from([8, 3])), 1)).toBe(3);
  });

  it.each<[string, number[]]>([
    ['a truncated varint', [8, 0x80]],
    ['a field longer than its message', [10, 5, 1]],
    ['an unsupported wire type', [11]],
  ])('refuses %s', (_name, bytes) => {
    expect(() => decodeMessage(Uint8Array.from(bytes))).toThrow(ProtobufError);
  });
});
