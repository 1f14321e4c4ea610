import type { SetRole, SetVisibility } from './set-access.js';
import { columnsOf, statement } from '../database/statement.js';

/**
 * Who sees what, in SQL: the one definition of who can read a question set and with what
 * role, who can see a question, and what is in a user's practice deck. Features put these
 * fragments into their own statements; nobody writes the rules again. `user` is a parameter
 * placeholder such as `$2::uuid`; `set` and `question` are table aliases.
 */

/**
 * A set is shared with a user when they own it, are a named member, or belong to a study
 * group it is assigned to.
 */
export function sharedWith(set: string, user: string): string {
  return `(${set}.owner_id = ${user}
    OR EXISTS (SELECT 1 FROM question_set_members m WHERE m.set_id = ${set}.id AND m.user_id = ${user})
    OR ${assignedToGroupOf(set, user)})`;
}

/** Members of a study group read the sets assigned to the group, as viewers. */
function assignedToGroupOf(set: string, user: string): string {
  return `EXISTS (SELECT 1 FROM group_assignments ga JOIN study_group_members gm ON gm.group_id = ga.group_id
                   WHERE ga.question_set_id = ${set}.id AND gm.user_id = ${user})`;
}

/**
 * Whether a user (or an anonymous caller: null) can read a set without its link: a public
 * set, or one shared with them. An unlisted set is otherwise read only through its link.
 */
export function readableSet(set: string, user: string | null): string {
  return user ? `(${set}.visibility = 'public' OR ${sharedWith(set, user)})` : `${set}.visibility = 'public'`;
}

/**
 * A user's role on a set: owner; editor or viewer as a named member; viewer through a group
 * assignment; else stranger (who may still read a public set: see set-access.ts).
 */
export function setRole(set: string, user: string): string {
  return `CASE WHEN ${set}.owner_id = ${user} THEN 'owner'
     ELSE coalesce((SELECT m.role FROM question_set_members m WHERE m.set_id = ${set}.id AND m.user_id = ${user}),
                   CASE WHEN ${assignedToGroupOf(set, user)} THEN 'viewer' END,
                   'stranger') END`;
}

/**
 * Which questions a user can see: the public bank, their own private questions, and those
 * in a set they can read.
 */
export function questionVisibleTo(user: string | null, question = 'q'): string {
  return `(${question}.owner_id IS NULL${user ? ` OR ${question}.owner_id = ${user}` : ''}
    OR EXISTS (SELECT 1 FROM question_set_items i JOIN question_sets s ON s.id = i.set_id
                WHERE i.question_id = ${question}.id AND ${readableSet('s', user)}))`;
}

/**
 * The live questions of a set the user subscribes to and can still read, or of a set
 * assigned to a study group of theirs: what reaches their deck before the general bank.
 */
export function inChosenSets(user: string, question = 'q'): string {
  return `(${question}.id IN (
        SELECT i.question_id
          FROM set_subscriptions ss
          JOIN question_sets s ON s.id = ss.set_id
          JOIN question_set_items i ON i.set_id = s.id
         WHERE ss.user_id = ${user} AND ${readableSet('s', user)})
     OR ${question}.id IN (
        SELECT i.question_id
          FROM study_group_members gm
          JOIN group_assignments ga ON ga.group_id = gm.group_id
          JOIN question_set_items i ON i.set_id = ga.question_set_id
         WHERE gm.user_id = ${user}))`;
}

/**
 * Questions in a user's practice deck: live bank questions (narrowed to their chosen topics,
 * if any), and those of their subscribed and assigned sets.
 */
export function inDeck(user: string, question = 'q'): string {
  return `${question}.retired_at IS NULL AND (
     (${question}.owner_id IS NULL AND (
        NOT EXISTS (SELECT 1 FROM deck_topics d WHERE d.user_id = ${user})
        OR ${question}.topic_id IN (SELECT d.topic_id FROM deck_topics d WHERE d.user_id = ${user})))
     OR ${inChosenSets(user, question)})`;
}

export interface SetAccessRow {
  role: SetRole;
  visibility: SetVisibility;
}

/** A set's visibility and the user's role on it ($1 set, $2 user). */
export const SET_ACCESS = statement<SetAccessRow>(
  `SELECT s.visibility, ${setRole('s', '$2::uuid')} AS role FROM question_sets s WHERE s.id = $1`,
  columnsOf<SetAccessRow>()('role', 'visibility'),
);

/** Of the ids $1, those of live questions the user $2 can see. */
export const VISIBLE_QUESTION_IDS = statement<{ id: string }>(
  `SELECT q.id FROM questions q
    WHERE q.id = ANY($1::uuid[]) AND q.retired_at IS NULL AND ${questionVisibleTo('$2::uuid')}`,
  columnsOf<{ id: string }>()('id'),
);

/** The question set of the assignment $1, when the user $2 belongs to the study group it was given to. */
export const ASSIGNED_SET = statement<{ setId: string }>(
  `SELECT ga.question_set_id AS "setId"
     FROM group_assignments ga
     JOIN study_group_members gm ON gm.group_id = ga.group_id AND gm.user_id = $2
    WHERE ga.id = $1`,
  columnsOf<{ setId: string }>()('setId'),
);
