import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { authorQuestion, bearer, newUser, signInAs } from './support';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

const MODEL_ANSWER = [
  'With N replicas, a write acknowledged by W of them and a read that asks R of them share at least one replica ' +
    'whenever **R + W > N**, so the read meets the newest acknowledged version. The stale reads point at a quorum ' +
    'that stopped overlapping:',
  '- a *sloppy* quorum let the write land on fallback nodes outside the key’s home replicas (hinted handoff);\n' +
    '- the read then asked home replicas that had not received the hint yet.',
  'Check the hinted-handoff backlog and whether reads may use fallback nodes; a strict quorum trades that for ' +
    'refusing writes while too few home replicas are up.',
].join('\n\n');

/** The README's screenshot of the question editor: live preview, rubric rows, a term warning and the revisions. */
test('a screenshot of the question editor for the README', async ({ page, request, context, baseURL }) => {
  mkdirSync(OUT, { recursive: true });
  const author = await newUser(request, 'Iris Interviewer');
  const question = await authorQuestion(request, author, {
    title: 'Quorum reads return an old value after a node failed',
    prompt:
      'A store keeps **three** replicas of every key and uses `W = 2`, `R = 2`. Since a node failed, some reads return an older value. Why, and what do you check?',
    topic: 'distributed-systems',
    kind: 'troubleshooting',
    tags: ['quorum', 'replication'],
    modelAnswer: MODEL_ANSWER,
    followUps: ['What changes when one replica is *slow* rather than down?'],
    rubric: {
      criteria: [
        { text: 'Says the read and write sets must overlap.', weight: 3, terms: ['overlap', 'majority'] },
        { text: 'Names the sloppy quorum as what broke the overlap.', weight: 2, terms: ['sloppy quorum', 'fallback'] },
        { text: 'Checks the hinted-handoff backlog.', weight: 1, terms: ['hinted handoff', 'backlog'] },
      ],
      redFlags: ['Claims any two replicas are always enough.'],
    },
  });
  await request.patch(`/api/questions/${question.id}`, {
    headers: bearer(author.token),
    data: { tags: ['quorum', 'replication', 'consistency'] },
  });
  await signInAs(context, author, baseURL!);
  await page.setViewportSize({ width: 1280, height: 860 });

  await page.goto(`/questions/${question.id}/edit`);
  await expect(page.getByRole('region', { name: 'Prompt preview' }).locator('strong')).toHaveText('three');
  // One term the analysis cannot use as written, to show the warning.
  await page
    .getByRole('textbox', { name: /^Signal terms/ })
    .nth(2)
    .fill('hinted handoff, not linearizable');
  await expect(page.getByText('One signal term cannot work as written; see the warnings below.')).toBeVisible();
  // The whole form in one window as tall as the page: the sticky save bar sits at its foot once
  // instead of being stamped mid-page, as a full-page capture of a shorter window does.
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height });
  await page.screenshot({ path: join(OUT, 'question-editor.png') });
});
