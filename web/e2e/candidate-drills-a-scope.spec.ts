import { expect, test } from '@playwright/test';
import { authorQuestion, bearer, newUser, signInAs } from './support';

test.describe('drilling what I choose', () => {
  test('a subscribed set is drilled on its own, and its questions come first among new cards', async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    const interviewer = await newUser(request, 'Ivy Interviewer');
    const q1 = await authorQuestion(request, interviewer, { title: 'Set question one about sharding' });
    const q2 = await authorQuestion(request, interviewer, { title: 'Set question two about sharding' });
    const set = await (
      await request.post('/api/question-sets', {
        headers: bearer(interviewer.token),
        data: { title: 'Onsite loop', visibility: 'public', questionIds: [q1.id, q2.id] },
      })
    ).json();
    const candidate = await newUser(request);
    await request.post(`/api/question-sets/${set.id}/subscribe`, { headers: bearer(candidate.token) });
    await signInAs(context, candidate, baseURL!);

    await page.goto('/drill');
    await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(/Set question (one|two)/);

    await page.goto(`/drill?setId=${set.id}`);
    await expect(page.getByRole('heading', { name: /Drill: this set/ })).toBeVisible();
    const seen = new Set<string>();
    for (let i = 0; i < 2; i++) {
      seen.add((await page.getByRole('heading', { level: 2 }).first().textContent())!);
      await page.getByLabel('Your answer').press('Escape');
      await page.keyboard.press('3');
      await expect(page.getByRole('status')).toContainText(/Saved/);
    }
    expect([...seen].sort()).toEqual(['Set question one about sharding', 'Set question two about sharding']);
    await expect(page.getByRole('heading', { name: 'All done for now' })).toBeVisible();
  });

  test('preview (cram) drills a topic without changing any due date', async ({ page, request, context, baseURL }) => {
    const user = await newUser(request);
    const first = await (await request.get('/api/questions/partition-choice', { headers: bearer(user.token) })).json();
    await request.post('/api/practice/reviews', {
      headers: bearer(user.token),
      data: { questionId: first.id, rating: 'good' },
    });
    const before = await (await request.get(`/api/practice/cards/${first.id}`, { headers: bearer(user.token) })).json();
    await signInAs(context, user, baseURL!);

    await page.goto('/drill?cram=true&topic=distributed-systems');
    await expect(page.getByText('your answers are kept as practice, and no due date changes')).toBeVisible();
    for (let i = 0; i < 3; i++) {
      await page.getByLabel('Your answer').press('Escape');
      await page.keyboard.press('1');
      await expect(page.getByRole('status')).toContainText(/Kept as practice/);
    }
    const after = await (await request.get(`/api/practice/cards/${first.id}`, { headers: bearer(user.token) })).json();
    expect(after.card).toEqual(before.card);
    const queue = await (await request.get('/api/practice/queue', { headers: bearer(user.token) })).json();
    expect(queue.counts).toEqual(expect.objectContaining({ due: 0 }));
  });
});
