import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseEmail, passwordProblem } from './password-policy.js';

const common = new Set(['password123', 'qwertyuiop']);
const check = (password: string) => passwordProblem({ password, isCommon: (p) => common.has(p) });

describe('passwordProblem', () => {
  const cases: Array<[string, string, RegExp | undefined]> = [
    ['accepts a long uncommon password', 'correct horse battery', undefined],
    ['refuses 9 characters', 'abcdefghi', /at least 10/],
    ['accepts exactly 10', 'abcdefghij', undefined],
    ['accepts exactly 256', 'a'.repeat(256), undefined],
    ['refuses 257', 'a'.repeat(257), /at most 256/],
    ['counts an emoji as one character', '🔑'.repeat(9), /at least 10/],
    ['refuses a common password', 'password123', /commonly used/],
    ['refuses a common password in other case', 'PassWord123', /commonly used/],
  ];
  for (const [name, password, expected] of cases) {
    it(name, () => {
      const problem = check(password);
      if (expected) assert.match(problem ?? '', expected);
      else assert.equal(problem, undefined);
    });
  }
});

describe('normaliseEmail', () => {
  const cases: Array<[string, string]> = [
    ['  Ada@Example.COM ', 'ada@example.com'],
    ['ada@example.com', 'ada@example.com'],
  ];
  for (const [input, expected] of cases) {
    it(`normalises ${JSON.stringify(input)}`, () => assert.equal(normaliseEmail(input), expected));
  }
});
