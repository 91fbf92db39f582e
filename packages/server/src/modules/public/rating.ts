import { type Rating, satisfactionShare } from '@motcua/core';
import type { Database } from '../../db/database.ts';
import { forUpdate, inTransaction, isUniqueViolation, toJson } from '../../db/helpers.ts';
import { conflict } from '../../errors.ts';
import { type ActionAuthor, runAction } from '../dossiers/actions.ts';
import { lookupNotFound } from './lookup.ts';
import type { RatingBody } from './schema.ts';

/** The applicant acting through the public page: no account, no grants. */
export const CITIZEN_ACTOR: ActionAuthor = {
  userId: null,
  username: 'citizen',
  fullName: 'Người dân',
  grants: [],
  sessionKind: 'api',
};

const alreadyRated = () =>
  conflict('ALREADY_RATED', {
    vi: 'Hồ sơ này đã được đánh giá, mỗi hồ sơ chỉ đánh giá một lần',
    en: 'This dossier was already rated; a dossier is rated once',
  });

/**
 * Đánh giá: the applicant rates a returned dossier once (TT 01/2018 Art. 13–14). The `rate` action and
 * the `dossier_ratings` row are written in one transaction, with the dossier row locked.
 */
export async function rateDossier(database: Database, token: string, body: RatingBody, now = new Date()) {
  const scores = body.scores as Rating;
  const share = satisfactionShare(scores);
  const at = now.toISOString();
  try {
    return await inTransaction(database, async (trx) => {
      const dossier = await forUpdate(
        database.dialect,
        trx.selectFrom('dossiers').selectAll().where('lookup_token', '=', token),
      ).executeTakeFirst();
      if (!dossier) throw lookupNotFound();
      if (dossier.status !== 'returned') {
        throw conflict('RATING_NOT_ALLOWED', {
          vi: 'Chỉ có thể đánh giá sau khi đã nhận kết quả',
          en: 'A dossier can be rated only after its result was returned',
        });
      }
      const existing = await trx
        .selectFrom('dossier_ratings')
        .select('dossier_id')
        .where('dossier_id', '=', dossier.id)
        .executeTakeFirst();
      if (existing) throw alreadyRated();
      const outcome = await runAction(
        trx,
        database.dialect,
        CITIZEN_ACTOR,
        dossier,
        {
          type: 'rate',
          clientTxId: `citizen-rate:${dossier.id}`,
          role: 'citizen',
          payload: { scores, share },
        },
        now,
      );
      if (outcome.replayed) throw alreadyRated();
      await trx
        .insertInto('dossier_ratings')
        .values({
          dossier_id: dossier.id,
          scores: toJson(scores),
          share,
          comment: body.comment?.trim() || null,
          at,
        })
        .execute();
      return { code: dossier.code, share, at };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyRated();
    throw error;
  }
}
