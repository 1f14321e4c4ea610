import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../accounts/user.entity.js';
import { QuestionSet } from '../question-sets/question-set.entity.js';
import { Question } from '../questions/question.entity.js';

/**
 * Which question an Anki card became, by its note's GUID and its template (or cloze) ordinal,
 * per user: importing the same package again updates that question instead of adding one.
 */
@Entity({ name: 'anki_note_cards' })
@Index('anki_note_cards_question_idx', ['questionId'])
export class AnkiNoteCard {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @PrimaryColumn({ name: 'note_guid', type: 'varchar', length: 100 })
  noteGuid: string;

  @PrimaryColumn({ name: 'card_ord', type: 'int' })
  cardOrd: number;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @ManyToOne(() => Question, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id' })
  question?: Relation<Question>;
}

/** Which question set an Anki deck became, per user, by the deck's id in the collection. */
@Entity({ name: 'anki_decks' })
@Index('anki_decks_set_idx', ['setId'])
export class AnkiDeck {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @PrimaryColumn({ name: 'deck_id', type: 'bigint' })
  deckId: string;

  @Column({ name: 'set_id', type: 'uuid' })
  setId: string;

  @ManyToOne(() => QuestionSet, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'set_id' })
  set?: Relation<QuestionSet>;
}

/**
 * Which review an Anki review-log entry became, per user: a re-import never records it twice.
 * The review is written in the same transaction, and reviews go only with their user, whose
 * rows here go too; so `review_id` is no foreign key, whose check locked every imported review
 * again (a WAL record each), near half of what an import cost Postgres.
 */
@Entity({ name: 'imported_reviews' })
export class ImportedReview {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @PrimaryColumn({ name: 'anki_revlog_id', type: 'bigint' })
  ankiRevlogId: string;

  @Column({ name: 'review_id', type: 'uuid' })
  reviewId: string;
}
