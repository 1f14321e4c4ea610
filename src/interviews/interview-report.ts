import type { InterviewDto } from './interview.dto.js';

/** The whole interview as a Markdown document, for sharing or printing. */
export function interviewMarkdown(interview: InterviewDto): string {
  const when = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) + ' UTC' : '—');
  const lines = [
    `# Mock interview: ${interview.setTitle}`,
    '',
    `- Interviewer: ${interview.interviewer.displayName}`,
    `- Candidate: ${interview.candidate.displayName}`,
    `- Status: ${interview.status}`,
    `- Started: ${when(interview.startedAt)}; submitted: ${when(interview.submittedAt)}; completed: ${when(interview.completedAt)}`,
  ];
  if (interview.timeLimitMinutes) lines.push(`- Time limit: ${interview.timeLimitMinutes} minutes`);
  lines.push('', '## Recommendation', '', interview.recommendation ?? 'Not given yet.', '');
  if (interview.summary) lines.push(interview.summary, '');
  for (const question of interview.questions ?? []) {
    lines.push(`## ${question.position + 1}. ${question.title}`, '', question.prompt, '', '### Answer', '');
    lines.push(question.answer?.trim() ? question.answer : '_No answer._', '');
    if (question.criteria) {
      lines.push('### Scorecard', '', '| criterion | weight | score (0-2) |', '| --- | --- | --- |');
      for (const c of question.criteria)
        lines.push(`| ${c.text.replace(/\|/g, '\\|')} | ${c.weight} | ${c.score ?? '—'} |`);
      lines.push('');
    }
    if (question.notes) lines.push('### Notes', '', question.notes, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/**
 * The report's file name: the set's title reduced to safe ASCII (it is user text, and it goes
 * into a Content-Disposition header) and the day the interview was made.
 */
export function reportFileName({ setTitle, createdAt }: Pick<InterviewDto, 'setTitle' | 'createdAt'>): string {
  const slug = setTitle
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `interview-${slug || 'report'}-${createdAt.slice(0, 10)}.md`;
}
