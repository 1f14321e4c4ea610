import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { authorQuestion, bearer, newUser, signInAs } from './support';

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

const MODEL_ANSWER = [
  'With N replicas, a write acknowledged by W of them and a read that asks R of them must share at least one',
  'replica whenever **R + W > N**: the two sets cannot be disjoint, so the read sees the newest acknowledged',
  'version and returns it after comparing versions.',
  '',
  '- N = 3, W = 2, R = 2 tolerates one slow or failed replica on each path.',
  '- A sloppy quorum (hinted handoff) may acknowledge on nodes outside the home replicas, which breaks the overlap.',
  '',
  Array.from({ length: 130 }, (_, i) => ['overlap', 'replicas', 'versions', 'latency', 'majority'][i % 5]).join(' '),
].join('\n');

/** The README's screenshot of the question editor: live preview, rubric rows, a term warning and a revision. */
test('a screenshot of the question editor for the README', async ({ page, request, context, baseURL }) => {
  mkdirSync(OUT, { recursive: true });
  const author = await newUser(request, 'Iris Interviewer');
  const question = await authorQuestion(request, author, {
    title: 'Why do quorum reads see the latest write?',
    prompt: 'A store keeps **three** replicas of every key. Why does `R + W > N` make a read see the latest write?',
    topic: 'distributed-systems',
    kind: 'concept',
    tags: ['quorum', 'replication'],
    modelAnswer: MODEL_ANSWER,
    followUps: ['What changes when one replica is *slow* rather than down?'],
    rubric: {
      criteria: [
        { text: 'Says the read and write sets must overlap.', weight: 3, terms: ['overlap', 'majority'] },
        { text: 'Explains how the newest version wins on read.', weight: 2, terms: ['version', 'timestamp'] },
        { text: 'Knows a sloppy quorum weakens the guarantee.', weight: 1, terms: ['sloppy quorum', 'hinted handoff'] },
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
    .fill('sloppy quorum, not linearizable');
  await expect(page.getByText('One signal term cannot work as written; see the warnings below.')).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, 'question-editor.png'), fullPage: true });
});
