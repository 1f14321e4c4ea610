import { describe, expect, it } from '@jest/globals';
import { normaliseEmail, passwordProblem } from './password-policy.js';

const common = new Set(['password123', 'qwertyuiop']);
const check = (password: string) => passwordProblem({ password, isCommon: (p) => common.has(p) });

describe('passwordProblem', () => {
  it.each<[string, string]>([
    ['a long uncommon password', 'correct horse battery'],
    ['exactly 10 characters', 'abcdefghij'],
    ['exactly 256 characters', 'a'.repeat(256)],
  ])('accepts %s', (_name, password) => {
    expect(check(password)).toBeUndefined();
  });

  it.each<[string, string, RegExp]>([
    ['9 characters', 'abcdefghi', /at least 10/],
    ['257 characters', 'a'.repeat(257), /at most 256/],
    ['9 emoji, counting each as one character', '🔑'.repeat(9), /at least 10/],
    ['a common password', 'password123', /commonly used/],
    ['a common password in other case', 'PassWord123', /commonly used/],
  ])('refuses %s', (_name, password, expected) => {
    expect(check(password)).toMatch(expected);
  });
});

describe('normaliseEmail', () => {
  it.each<[string, string]>([
    ['  Ada@Example.COM ', 'ada@example.com'],
    ['ada@example.com', 'ada@example.com'],
  ])('normalises %j to %s', (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });
});
