import { expect, test, type Page } from '@playwright/test';
import { bearer, newUser, signInAs, watchForErrors } from './support';

const MODEL_ANSWER = Array.from(
  { length: 170 },
  (_, i) => ['quorum', 'replicas', 'overlap', 'reads', 'writes', 'majority', 'latency'][i % 7],
).join(' ');

/** Fills the editor with a question whose rubric has one dead term and one that loses its negation. */
async function fillQuestion(page: Page) {
  await page.getByLabel('Title', { exact: true }).fill('Why do quorum reads see the latest write?');
  await page.getByLabel('Prompt (Markdown)').fill('A store keeps **three** replicas. Why does R + W > N help?');
  await page.getByLabel('Topic').selectOption('distributed-systems');
  await page.getByLabel('Difficulty').selectOption('3');
  await page.getByLabel('Kind').selectOption('concept');
  await page.getByLabel('Tags').fill('quorum, replication');
  await page.getByLabel('Model answer (Markdown)').fill(MODEL_ANSWER);
  await page.getByLabel('Follow-up 1 (Markdown)').fill('What if a replica is *slow*?');
  const criteria: Array<[string, string, string]> = [
    ['Says the read and write sets must overlap.', '3', 'overlap, majority'],
    ['Explains what happens when the quorum is lost.', '2', 'the, unavailable'],
    ['Knows a sloppy quorum weakens the guarantee.', '1', 'not linearizable, sloppy quorum'],
  ];
  for (const [i, [text, weight, terms]] of criteria.entries()) {
    await page.getByLabel(`Criterion ${i + 1}`, { exact: true }).fill(text);
    await page.getByLabel('Weight').nth(i).fill(weight);
    await page
      .getByRole('textbox', { name: /^Signal terms/ })
      .nth(i)
      .fill(terms);
  }
  await page.getByLabel('Red flag 1', { exact: true }).fill('Claims any two replicas are always enough.');
}

test.describe('an interviewer writes a question with a rubric', () => {
  test('sees the term warnings and a validation error beside its field, saves, edits and sees the revision', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    const problems = watchForErrors(page);
    const author = await newUser(request, 'Iris Interviewer');
    await signInAs(context, author, baseURL!);
    await page.goto('/sets');
    await page.getByRole('link', { name: 'My questions' }).click();
    await page.getByRole('link', { name: 'Write a question' }).click();
    await expect(page.getByRole('heading', { name: 'Write a question' })).toBeVisible();

    await fillQuestion(page);
    // The live preview renders the Markdown as it is typed.
    await expect(page.getByRole('region', { name: 'Prompt preview' }).locator('strong')).toHaveText('three');

    // The server checks each term as bank:check would: a dead term and a dropped negation are flagged.
    const terms2 = page.getByRole('list', { name: 'Signal terms of criterion 2' });
    await expect(terms2.getByRole('listitem').filter({ hasText: /^the/ })).toContainText(
      'Warning: only stop words: the answer analysis drops them all, so it never matches',
    );
    await expect(terms2.getByRole('listitem').filter({ hasText: 'unavailable' })).not.toContainText('Warning');
    const terms3 = page.getByRole('list', { name: 'Signal terms of criterion 3' });
    await expect(terms3.getByRole('listitem').filter({ hasText: 'not linearizable' })).toContainText(
      "Warning: the analysis drops “not”: it matches 'lineariz', the opposite claim",
    );
    await expect(page.getByText('2 signal terms cannot work as written; see the warnings below.')).toBeVisible();

    // A criterion too short for the API: its message shows beside that criterion, nothing is saved.
    await page.getByLabel('Criterion 2', { exact: true }).fill('Too short');
    await page.getByRole('button', { name: 'Create question' }).click();
    await expect(page.getByRole('alert')).toContainText('Not saved: one field needs fixing');
    const criterion2 = page.getByLabel('Criterion 2', { exact: true });
    await expect(criterion2).toHaveAttribute('aria-invalid', 'true');
    await expect(criterion2).toHaveAccessibleDescription(/text must be longer than or equal to 10 characters/);
    await expect(page.getByLabel('Criterion 1', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');

    // The draft survives a reload until the server has the question.
    await page.reload();
    await expect(page.getByText(/Restored your unsaved changes/)).toBeVisible();
    await expect(page.getByLabel('Criterion 2', { exact: true })).toHaveValue('Too short');
    await page.getByLabel('Criterion 2', { exact: true }).fill('Explains what happens when the quorum is lost.');
    await page.getByRole('button', { name: 'Create question' }).click();

    await expect(page.getByRole('heading', { name: 'Edit question' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    const questionId = new URL(page.url()).pathname.split('/')[2];
    const saved = await (await request.get(`/api/questions/${questionId}`, { headers: bearer(author.token) })).json();
    expect(saved.rubric.criteria.map((c: { terms: string[] }) => c.terms)).toEqual([
      ['overlap', 'majority'],
      ['the', 'unavailable'],
      ['not linearizable', 'sloppy quorum'],
    ]);

    // Edit: reorder the criteria by keyboard, change a weight and the title; the revision says what changed.
    await page.getByLabel('Criterion 3', { exact: true }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(page.getByText(/Moved “Knows a sloppy quorum.*” to position 2 of 3\./)).toBeAttached();
    await expect(page.getByLabel('Criterion 2', { exact: true })).toHaveValue(
      'Knows a sloppy quorum weakens the guarantee.',
    );
    await expect(page.getByLabel('Criterion 2', { exact: true })).toBeFocused();
    await page.getByLabel('Weight').nth(0).fill('4');
    await page.getByLabel('Title', { exact: true }).fill('Why do quorum reads see the newest write?');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved as revision 2.' })).toBeVisible();

    const revisions = page.getByRole('region', { name: 'Revisions' });
    const newest = revisions.getByRole('listitem').filter({ hasText: 'Revision 2' }).first();
    await expect(newest).toContainText(
      'Title: “Why do quorum reads see the latest write?” → “Why do quorum reads see the newest write?”',
    );
    await expect(newest).toContainText('Criterion “Says the read and write sets must overlap.”: weight 3 → 4');
    await expect(newest).toContainText('Criteria reordered');
    await expect(newest).toContainText('rubric revision 2');
    await expect(revisions.getByRole('listitem').filter({ hasText: 'Revision 1' }).first()).toContainText('Written.');

    // Retire, then restore.
    await page.getByRole('button', { name: 'Retire question' }).click();
    await expect(page.getByText(/This question is retired/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save changes' })).toBeDisabled();
    await page.getByRole('button', { name: 'Restore question' }).click();
    await expect(page.getByText(/Restored: the question is back/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save changes' })).toBeEnabled();

    await page.goto('/questions');
    await expect(page.getByRole('link', { name: 'Why do quorum reads see the newest write?' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('someone else’s question cannot be edited, and a missing one says so', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    const author = await newUser(request, 'Owen Owner');
    const other = await newUser(request, 'Nina Nosy');
    const created = await request.post('/api/questions', {
      headers: bearer(author.token),
      data: {
        title: 'A question that is not yours',
        prompt: 'Explain it.',
        topic: 'caching',
        difficulty: 2,
        kind: 'behavioural',
        modelAnswer: 'An answer.',
        followUps: ['And then?'],
        rubric: {
          criteria: [
            { text: 'Names the first point.', weight: 1, terms: ['first'] },
            { text: 'Names the second point.', weight: 1, terms: ['second'] },
            { text: 'Names the third point.', weight: 1, terms: ['third'] },
          ],
          redFlags: ['Says nothing at all here.'],
        },
      },
    });
    const question = await created.json();
    await request.post('/api/question-sets', {
      headers: bearer(author.token),
      data: { title: 'Shared', visibility: 'public', questionIds: [question.id] },
    });
    await signInAs(context, other, baseURL!);
    await page.goto(`/questions/${question.id}/edit`);
    await expect(page.getByRole('alert')).toContainText('Only its author (or an admin) can edit this question.');
    await page.goto('/questions/00000000-0000-4000-8000-000000000000/edit');
    await expect(page.getByRole('alert')).toContainText('not found, or it is not shared with you');
  });

  test('an imported card opens with no kind to choose and no rubric, and its edit saves a revision', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    const problems = watchForErrors(page);
    const author = await newUser(request, 'Iris Interviewer');
    const upload = await request.post('/api/imports', {
      headers: bearer(author.token),
      multipart: {
        file: {
          name: 'cards.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from('prompt,answer\nWhat does VACUUM reclaim?,Space held by dead row versions.\n'),
        },
      },
    });
    expect(upload.status(), await upload.text()).toBe(202);
    const importId = (await upload.json()).id;
    await expect
      .poll(
        async () =>
          (await (await request.get(`/api/imports/${importId}`, { headers: bearer(author.token) })).json()).status,
      )
      .toBe('succeeded');
    const { items } = await (await request.get('/api/me/questions', { headers: bearer(author.token) })).json();
    const card = items.find((q: { kind: string }) => q.kind === 'card');

    await signInAs(context, author, baseURL!);
    await page.goto(`/questions/${card.id}/edit`);
    await expect(page.getByText('Kind: card.')).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Kind' })).toHaveCount(0);
    await expect(page.getByRole('group', { name: 'Rubric' })).toHaveCount(0);
    await page
      .getByLabel('Model answer (Markdown)')
      .fill('Space held by dead row versions, for reuse by the same table.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved as revision 2.' })).toBeVisible();
    const saved = await (await request.get(`/api/questions/${card.id}`, { headers: bearer(author.token) })).json();
    expect([saved.kind, saved.modelAnswer, saved.rubric.criteria]).toEqual([
      'card',
      'Space held by dead row versions, for reuse by the same table.',
      [],
    ]);
    expect(problems).toEqual([]);
  });
});
