/**
 * Just enough of protobuf's wire format to read what Anki stores as protobuf: the package's
 * `meta` entry, its media list, and the note type, template and deck blobs of a schema-18
 * collection. Only the fields we name are read; unknown ones are skipped, as protobuf asks.
 */
export type WireValue = { type: 'varint'; value: bigint } | { type: 'bytes'; value: Uint8Array } | { type: 'fixed' };

export class ProtobufError extends Error {}

/** Every field of one message, by number, in order of appearance. */
export function decodeMessage(bytes: Uint8Array): Map<number, WireValue[]> {
  const fields = new Map<number, WireValue[]>();
  let at = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (at >= bytes.length) throw new ProtobufError('truncated varint');
      if (shift > 63n) throw new ProtobufError('varint longer than 64 bits');
      const byte = bytes[at++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
  };
  while (at < bytes.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wireType = Number(key & 7n);
    let value: WireValue;
    if (wireType === 0) value = { type: 'varint', value: varint() };
    else if (wireType === 2) {
      const length = Number(varint());
      if (at + length > bytes.length) throw new ProtobufError('field longer than its message');
      value = { type: 'bytes', value: bytes.subarray(at, at + length) };
      at += length;
    } else if (wireType === 1 || wireType === 5) {
      at += wireType === 1 ? 8 : 4;
      if (at > bytes.length) throw new ProtobufError('truncated fixed-width field');
      value = { type: 'fixed' };
    } else throw new ProtobufError(`unsupported wire type ${wireType}`);
    if (field === 0) throw new ProtobufError('field number 0');
    const list = fields.get(field);
    if (list) list.push(value);
    else fields.set(field, [value]);
  }
  return fields;
}

/** The last value of a varint field (proto3's rule for repeated scalars sent twice), or 0. */
export function intField(fields: Map<number, WireValue[]>, number: number): number {
  const last = fields.get(number)?.at(-1);
  if (!last) return 0;
  if (last.type !== 'varint') throw new ProtobufError(`field ${number} is not a varint`);
  return Number(BigInt.asIntN(64, last.value));
}

export function bytesField(fields: Map<number, WireValue[]>, number: number): Uint8Array | undefined {
  const last = fields.get(number)?.at(-1);
  if (!last) return undefined;
  if (last.type !== 'bytes') throw new ProtobufError(`field ${number} is not length-delimited`);
  return last.value;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function stringField(fields: Map<number, WireValue[]>, number: number): string {
  const bytes = bytesField(fields, number);
  return bytes ? utf8.decode(bytes) : '';
}

/** Every value of a repeated message field. */
export function messagesField(fields: Map<number, WireValue[]>, number: number): Map<number, WireValue[]>[] {
  return (fields.get(number) ?? []).map((value) => {
    if (value.type !== 'bytes') throw new ProtobufError(`field ${number} is not a message`);
    return decodeMessage(value.value);
  });
}

/** Encoding, for the few messages a test fixture or an exporter writes (meta, media list). */
export function encodeMessage(fields: ReadonlyArray<[number, number | string | Uint8Array]>): Uint8Array {
  const out: number[] = [];
  const varint = (value: bigint) => {
    let v = BigInt.asUintN(64, value);
    do {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      out.push(v > 0n ? byte | 0x80 : byte);
    } while (v > 0n);
  };
  for (const [number, value] of fields) {
    if (typeof value === 'number') {
      varint(BigInt(number << 3));
      varint(BigInt(value));
    } else {
      const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
      varint(BigInt((number << 3) | 2));
      varint(BigInt(bytes.length));
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}
