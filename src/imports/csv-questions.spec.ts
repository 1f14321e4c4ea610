import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../common/domain-error.js';
import { parseCsvQuestions } from './csv-questions.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe(parseCsvQuestions.name, () => {
  it.each<[string, string, Parameters<typeof parseCsvQuestions>[0]['mapping'], unknown]>([
    [
      'a BOM, CRLF and quoted fields',
      '\uFEFFprompt,answer\r\n"a, ""b""","line\nbreak"\r\n',
      {},
      [{ line: 2, prompt: 'a, "b"', answer: 'line\nbreak', topic: undefined, tags: [], difficulty: undefined }],
    ],
    [
      'headers in any case, optional columns',
      'Prompt,ANSWER,Tags,Difficulty,Topic\nq,a,"x y,z",4,caching\n',
      {},
      [{ line: 2, prompt: 'q', answer: 'a', topic: 'caching', tags: ['x', 'y', 'z'], difficulty: 4 }],
    ],
    [
      'a mapping naming other headers',
      'front;back\nq;a\n',
      { prompt: 'front', answer: 'back' },
      [{ line: 2, prompt: 'q', answer: 'a', topic: undefined, tags: [], difficulty: undefined }],
    ],
  ])('reads %s', (_name, text, mapping, rows) => {
    const delimiter = text.includes(';') ? ';' : ',';
    expect(parseCsvQuestions({ bytes: bytes(text), mapping, delimiter }).rows).toEqual(rows);
  });

  it.each<[string, Uint8Array, string]>([
    ['a row with an extra field', bytes('prompt,answer\nq,a,x\n'), 'import.csv-mismatched-columns'],
    ['invalid UTF-8', Uint8Array.from([0x70, 0x2c, 0x61, 0x0a, 0xc3, 0x28]), 'import.csv-invalid-encoding'],
    ['an unclosed quote', bytes('prompt,answer\n"q,a\n'), 'import.csv-malformed'],
    ['no prompt column', bytes('front,answer\nq,a\n'), 'import.csv-missing-column'],
    ['an empty file', bytes(''), 'import.nothing-to-import'],
  ])('refuses %s', (_name, input, code) => {
    let thrown: unknown;
    try {
      parseCsvQuestions({ bytes: input });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe(code);
  });

  it('skips rows without a prompt or answer, or with a difficulty out of range, saying why', () => {
    const { rows, skipped } = parseCsvQuestions({ bytes: bytes('prompt,answer,difficulty\n,a,\nq,,\nq,a,0\nq,a,5\n') });
    expect(rows.map((r) => r.line)).toEqual([5]);
    expect(skipped).toEqual([
      { what: 'line 2', reason: 'its prompt is empty' },
      { what: 'line 3', reason: 'its answer is empty' },
      { what: 'line 4', reason: 'difficulty "0" is not a whole number from 1 to 5' },
    ]);
  });
});
