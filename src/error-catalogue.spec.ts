import { describe, expect, it } from '@jest/globals';
import { FEATURE_ERRORS } from './error-catalogue.js';

const rows = FEATURE_ERRORS.flatMap(({ feature, prefixes, catalogue }) =>
  Object.entries(catalogue).map(([code, entry]) => ({ feature, prefixes, code, entry })),
);

describe('the error catalogue', () => {
  it('has every code once across features', () => {
    const codes = rows.map((row) => row.code);
    expect(codes.filter((code, i) => codes.indexOf(code) !== i)).toEqual([]);
  });

  it.each(rows.map((row) => [row.code, row.feature, row.prefixes, row.entry] as const))(
    '%s belongs to %s: prefixed by its feature, a 4xx or 5xx with a title',
    (code, _feature, prefixes, entry) => {
      expect(prefixes).toContain(code.slice(0, code.indexOf('.')));
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.status).toBeLessThan(600);
      expect(entry.title.length).toBeGreaterThan(5);
    },
  );

  it('gives no two features a prefix in common', () => {
    const prefixes = FEATURE_ERRORS.flatMap((f) => f.prefixes);
    expect(prefixes.filter((p, i) => prefixes.indexOf(p) !== i)).toEqual([]);
  });
});
