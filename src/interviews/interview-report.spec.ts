import { describe, expect, it } from '@jest/globals';
import { interviewMarkdown, reportFileName } from './interview-report.js';
import type { InterviewDto } from './interview.dto.js';

describe('reportFileName', () => {
  const createdAt = '2026-05-01T09:30:00.000Z';
  it.each([
    { title: 'Backend loop', expected: 'interview-backend-loop-2026-05-01.md', why: 'lower-cases and joins words' },
    { title: 'Café — Onsite №2', expected: 'interview-cafe-onsite-no2-2026-05-01.md', why: 'drops accents' },
    {
      title: 'a"\r\nSet-Cookie: sid=x',
      expected: 'interview-a-set-cookie-sid-x-2026-05-01.md',
      why: 'keeps quotes and line breaks out of the header',
    },
    {
      title: '<script>alert(1)</script>',
      expected: 'interview-script-alert-1-script-2026-05-01.md',
      why: 'keeps markup out',
    },
    { title: '日本語の面接', expected: 'interview-report-2026-05-01.md', why: 'falls back when nothing ASCII is left' },
    { title: '---', expected: 'interview-report-2026-05-01.md', why: 'falls back when only separators are left' },
    {
      title: 'word '.repeat(13),
      expected: `interview-${'word-'.repeat(12).slice(0, 59)}-2026-05-01.md`,
      why: 'cuts a long title to 60 characters without a trailing dash',
    },
  ])('$why: "$title" → $expected', ({ title, expected }) => {
    expect(reportFileName({ setTitle: title, createdAt })).toBe(expected);
  });
});

describe('interviewMarkdown', () => {
  const interview: InterviewDto = {
    id: '00000000-0000-4000-8000-000000000001',
    status: 'completed',
    side: 'interviewer',
    interviewer: { id: null, displayName: 'deleted user' },
    candidate: { id: '00000000-0000-4000-8000-000000000002', displayName: 'Dana' },
    questionSetId: null,
    setTitle: 'Onsite',
    scheduledAt: null,
    timeLimitMinutes: 45,
    deadlineAt: '2026-05-01T10:45:00.000Z',
    startedAt: '2026-05-01T10:00:00.000Z',
    submittedAt: '2026-05-01T10:40:00.000Z',
    completedAt: '2026-05-01T12:00:00.000Z',
    recommendation: 'yes',
    summary: 'Clear on trade-offs.',
    createdAt: '2026-05-01T09:30:00.000Z',
    questions: [
      {
        questionId: '00000000-0000-4000-8000-000000000003',
        position: 0,
        title: 'Partitions',
        prompt: 'What happens in a partition?',
        answer: '  ',
        answeredAt: null,
        criteria: [{ id: 'c1', text: 'Names a | b trade-off', weight: 2, score: 1 }],
        notes: 'Probe more.',
      },
    ],
  };
  const markdown = interviewMarkdown(interview);

  it.each([
    ['the participants, a deleted one by that name', '- Interviewer: deleted user\n- Candidate: Dana'],
    ['the time limit', '- Time limit: 45 minutes'],
    ['the recommendation and summary', '## Recommendation\n\nyes\n\nClear on trade-offs.'],
    ['a blank answer as no answer', '### Answer\n\n_No answer._'],
    ['the scorecard, a pipe in a criterion escaped', '| Names a \\| b trade-off | 2 | 1 |'],
    ['the notes', '### Notes\n\nProbe more.'],
  ])('holds %s', (_what, fragment) => {
    expect(markdown).toContain(fragment);
  });
});
