/** A rubric as authored: weighted criteria with the terms that signal them, and red flags. */
export interface RubricCriterion {
  id: string;
  text: string;
  weight: number;
  terms: string[];
}

export interface Rubric {
  criteria: RubricCriterion[];
  redFlags: string[];
}

/** Two rubrics are the same revision when their content is equal, key order aside. */
export function isSameRubric({ a, b }: { a: Rubric; b: Rubric }): boolean {
  return canonicalRubric(a) === canonicalRubric(b);
}

function canonicalRubric(rubric: Rubric): string {
  return JSON.stringify({
    criteria: rubric.criteria.map(({ id, text, weight, terms }) => ({ id, text, weight, terms })),
    redFlags: rubric.redFlags,
  });
}
