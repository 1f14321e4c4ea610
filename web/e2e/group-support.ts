import { expect, type APIRequestContext } from '@playwright/test';
import { bearer, type E2EUser } from './support';

/** Study-group arrangements made through the API, for the group journeys. */

/** Ids of fixture-bank questions, by slug (test/fixtures/bank). */
export async function bankIds(request: APIRequestContext, user: E2EUser, slugs: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const slug of slugs) {
    const response = await request.get(`/api/questions/${slug}`, { headers: bearer(user.token) });
    expect(response.status(), slug).toBe(200);
    ids.push((await response.json()).id);
  }
  return ids;
}

export async function newSet(
  request: APIRequestContext,
  owner: E2EUser,
  title: string,
  questionIds: string[],
): Promise<{ id: string; title: string }> {
  const response = await request.post('/api/question-sets', {
    headers: bearer(owner.token),
    data: { title, description: 'For the group', visibility: 'private', questionIds },
  });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

export async function newGroup(
  request: APIRequestContext,
  owner: E2EUser,
  name: string,
  members: E2EUser[] = [],
): Promise<{ id: string; inviteCode: string }> {
  const response = await request.post('/api/study-groups', { headers: bearer(owner.token), data: { name } });
  expect(response.status(), await response.text()).toBe(201);
  const group = await response.json();
  for (const member of members) {
    const joined = await request.post('/api/study-groups/join', {
      headers: bearer(member.token),
      data: { inviteCode: group.inviteCode },
    });
    expect(joined.status()).toBe(200);
  }
  return group;
}

export async function assign(
  request: APIRequestContext,
  owner: E2EUser,
  groupId: string,
  questionSetId: string,
  dueAt: Date,
): Promise<string> {
  const response = await request.post(`/api/study-groups/${groupId}/assignments`, {
    headers: bearer(owner.token),
    data: { questionSetId, dueAt: dueAt.toISOString() },
  });
  expect(response.status(), await response.text()).toBe(201);
  const group = await response.json();
  return group.assignments.find((a: { questionSetId: string }) => a.questionSetId === questionSetId).id;
}

export async function review(
  request: APIRequestContext,
  user: E2EUser,
  questionId: string,
  rating: 'again' | 'hard' | 'good' | 'easy',
  reviewedAt?: Date,
): Promise<void> {
  const response = await request.post('/api/practice/reviews', {
    headers: bearer(user.token),
    data: { questionId, rating, ...(reviewedAt ? { reviewedAt: reviewedAt.toISOString() } : {}) },
  });
  expect(response.status(), await response.text()).toBe(201);
}

export const DAY_MS = 86_400_000;
