/**
 * The applicant's evaluation of a dossier (TT 01/2018 Art. 13–14; QĐ 766/QĐ-TTg): each indicator is
 * scored 2 (good), 1 (acceptable) or 0 (poor).
 */
export const RatingCriterion = {
  /** Tổng thời gian giải quyết so với quy định. */
  Time: 'time',
  /** Số cơ quan phải liên hệ. */
  AgenciesContacted: 'agencies_contacted',
  /** Số lần phải liên hệ để hoàn thiện hồ sơ. */
  ContactsNeeded: 'contacts_needed',
  /** Công khai thông tin chính xác, đầy đủ. */
  PublishedInformation: 'published_information',
  /** Thái độ của cán bộ. */
  StaffAttitude: 'staff_attitude',
  /** Kết quả đúng quy định, chi phí. */
  LegalityAndCost: 'legality_and_cost',
  /** Chất lượng hướng dẫn, giải thích. */
  Explanations: 'explanations',
} as const;
export type RatingCriterion = (typeof RatingCriterion)[keyof typeof RatingCriterion];
export const ALL_CRITERIA = Object.values(RatingCriterion) as RatingCriterion[];

export const CRITERION_LABELS: Record<RatingCriterion, { vi: string; en: string }> = {
  time: { vi: 'Thời gian giải quyết so với quy định', en: 'Time taken compared with the statutory time' },
  agencies_contacted: { vi: 'Số cơ quan phải liên hệ', en: 'Number of agencies contacted' },
  contacts_needed: {
    vi: 'Số lần phải liên hệ để hoàn thiện hồ sơ',
    en: 'Contacts needed to complete the dossier',
  },
  published_information: {
    vi: 'Thông tin thủ tục được công khai chính xác',
    en: 'Accuracy of published information',
  },
  staff_attitude: { vi: 'Thái độ của cán bộ, nhân viên', en: 'Staff attitude' },
  legality_and_cost: { vi: 'Kết quả đúng quy định, chi phí hợp lý', en: 'Legality of the result and cost' },
  explanations: { vi: 'Chất lượng hướng dẫn, giải thích', en: 'Quality of guidance and explanations' },
};

export type Score = 0 | 1 | 2;
export type Rating = Partial<Record<RatingCriterion, Score>>;

/** Share of the maximum score, 0..1, over the criteria rated; null when nothing was rated. */
export function satisfactionShare(rating: Rating): number | null {
  const scores = ALL_CRITERIA.map((c) => rating[c]).filter((s): s is Score => s !== undefined);
  if (scores.length === 0) return null;
  return scores.reduce<number>((sum, s) => sum + s, 0) / (2 * scores.length);
}

/**
 * The "time" indicator computed, not asked: 2 when the result came before the deadline, 1 on time,
 * 0 late (TT 01/2018 Art. 14).
 */
export function timeScore(timing: 'early' | 'on_time' | 'late'): Score {
  return timing === 'early' ? 2 : timing === 'on_time' ? 1 : 0;
}
