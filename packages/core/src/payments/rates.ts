/**
 * Every rate of the money rules is dated configuration: a table of `{from, until, value, source}`
 * entries that the server stores and an administrator edits when a decree changes it. The functions of
 * this module take the tables as an argument; {@link DEFAULT_MONEY_RATES} are the defaults shipped with
 * their sources (docs/money.md lists each source and what was read of it).
 *
 * Percentages are integers in basis points (1 bp = 0.01%, so 22% = 2200 and 0.05% = 5): exact, no
 * floating point. Amounts are integer đồng.
 */
import { type IsoDate, parseIsoDate } from '../calendar/dates.ts';
import { type FieldProblem, PaymentRuleError, problem } from './problems.ts';

/** One dated value: applies from `from` to `until`, both days included. */
export interface DatedRate<T> {
  readonly from: IsoDate;
  /** Last day it applies (inclusive); absent or `null`: until further notice. */
  readonly until?: IsoDate | null;
  readonly value: T;
  /** The text that sets it (number, article) and where it was read. */
  readonly source: string;
  /** True when the value was read in the legal text; false for a secondary source or a default choice. */
  readonly verified: boolean;
}

/** A dated table: entries must not overlap (see {@link rateTableProblems}). */
export type RateTable<T> = readonly DatedRate<T>[];

/** Support groups for voluntary social insurance (đối tượng được Nhà nước hỗ trợ tiền đóng). */
export type VoluntarySupportGroup = 'poor' | 'near_poor' | 'ethnic_minority' | 'island' | 'other';

export const VOLUNTARY_SUPPORT_GROUPS: readonly VoluntarySupportGroup[] = [
  'poor',
  'near_poor',
  'ethnic_minority',
  'island',
  'other',
];

/** State support to voluntary social insurance, as a share of 22% × the rural poverty line. */
export interface VoluntarySupportRule {
  /** Basis points by group; a group absent here gets the `other` share. */
  readonly shareBp: Readonly<Partial<Record<VoluntarySupportGroup, number>>> & { readonly other: number };
  /** At most this many months of support over a participant's life. */
  readonly maxMonths: number;
}

/** Voluntary social insurance contribution parameters (Luật BHXH Art. 31–36; NĐ 159/2025). */
export interface VoluntaryContributionRule {
  /** Contribution rate on the declared monthly income: 22% = 2200. */
  readonly rateBp: number;
  /** The income ceiling is this many times the reference level (mức tham chiếu). */
  readonly ceilingMultiple: number;
  /** Declared income = floor + k × step (đồng); `null`: any whole đồng. */
  readonly incomeStep: number | null;
  /** Lump sum for future years: allowed months (whole years), e.g. 24–60. */
  readonly futureYearsMinMonths: number;
  readonly futureYearsMaxMonths: number;
  /** Lump sum for missing years: at most this many months. */
  readonly missingYearsMaxMonths: number;
  /** Whether state support applies to a lump sum for missing years. */
  readonly supportOnMissingYears: boolean;
}

/** Household health insurance ladder (BHYT hộ gia đình). */
export interface HouseholdHealthInsuranceRule {
  /** First member: this share of the base salary / reference level per month (4.5% = 450). */
  readonly firstMemberRateBp: number;
  /** Share of the first member's amount by rank: [1st, 2nd, 3rd, 4th, 5th and later] in bp. */
  readonly ladderBp: readonly number[];
  /** Months that may be paid at once. */
  readonly paymentMonths: readonly number[];
}

/** Road-traffic fine rules (Luật XLVPHC Art. 73, 78; NĐ 118/2021 Art. 20–21; TT 18/2023/TT-BTC). */
export interface FineRule {
  /** Late-payment surcharge per day, on the unpaid fine: 0.05% = 5. */
  readonly dailyLateRateBp: number;
  /** Days to pay from the day the decision was received (unless the decision sets a longer term). */
  readonly paymentTermDays: number;
  /** When receipt of the decision is unproven: the term ends this many days after the decision date. */
  readonly unprovenReceiptDays: number;
  /** Working days to send seized papers back after a payment through the post; `null`: no such rule. */
  readonly papersReturnWorkingDays: number | null;
}

/** Payout rules (Luật BHXH 41/2024 Art. 10, 75, 141.14; BHXH's own payout procedure). */
export interface PayoutRule {
  /** A proxy's authorisation is valid at most this many months from the day it was made. */
  readonly proxyMaxMonths: number;
  /** The authorisation must be certified (có chứng thực). */
  readonly proxyRequiresCertification: boolean;
  /** Authorisations made under the 2014 law stay usable until this day (inclusive). */
  readonly law2014ProxyUsableUntil: IsoDate;
  /** People of at least this age may be paid at home. */
  readonly homePayoutMinimumAge: number;
  /** Suspend after this many consecutive months not collected; `null`: never (the default). */
  readonly suspendAfterUncollectedMonths: number | null;
  /** Days of the month on which payouts are made; `null`: any day. */
  readonly paymentWindow: { readonly firstDay: number; readonly lastDay: number } | null;
}

/** Every dated table the money rules read. */
export interface MoneyRates {
  /** Mức lương cơ sở, then mức tham chiếu (Luật BHXH 2024 Art. 7): đồng per month. */
  readonly referenceLevel: RateTable<number>;
  /** Chuẩn hộ nghèo khu vực nông thôn: đồng per person per month. */
  readonly ruralPovertyLine: RateTable<number>;
  readonly voluntaryContribution: RateTable<VoluntaryContributionRule>;
  readonly voluntarySupport: RateTable<VoluntarySupportRule>;
  readonly householdHealthInsurance: RateTable<HouseholdHealthInsuranceRule>;
  readonly fines: RateTable<FineRule>;
  readonly payouts: RateTable<PayoutRule>;
}

/** The names of the tables, for storage. */
export type MoneyRateKey = keyof MoneyRates;

export const MONEY_RATE_KEYS: readonly MoneyRateKey[] = [
  'referenceLevel',
  'ruralPovertyLine',
  'voluntaryContribution',
  'voluntarySupport',
  'householdHealthInsurance',
  'fines',
  'payouts',
];

const RATE_LABELS: Record<MoneyRateKey, { vi: string; en: string }> = {
  referenceLevel: { vi: 'mức tham chiếu (lương cơ sở)', en: 'reference level (base salary)' },
  ruralPovertyLine: { vi: 'chuẩn hộ nghèo khu vực nông thôn', en: 'rural poverty line' },
  voluntaryContribution: { vi: 'mức đóng BHXH tự nguyện', en: 'voluntary social insurance rules' },
  voluntarySupport: { vi: 'mức Nhà nước hỗ trợ đóng BHXH tự nguyện', en: 'state support to voluntary SI' },
  householdHealthInsurance: { vi: 'mức đóng BHYT hộ gia đình', en: 'household health insurance ladder' },
  fines: { vi: 'quy định nộp tiền phạt', en: 'traffic fine rules' },
  payouts: { vi: 'quy định chi trả', en: 'payout rules' },
};

function isAfter(a: IsoDate, b: IsoDate): boolean {
  return a > b;
}

/** The entry of a table that applies on a day, if any. */
export function findRate<T>(table: RateTable<T>, on: IsoDate): DatedRate<T> | undefined {
  parseIsoDate(on);
  return table.find((entry) => entry.from <= on && (entry.until == null || on <= entry.until));
}

/**
 * The entry of `rates[key]` that applies on `on`; throws {@link PaymentRuleError} (code `RATE_MISSING`)
 * naming the table and the day when none does, so a missing configuration is never read as zero.
 */
export function rateOn<K extends MoneyRateKey>(
  rates: MoneyRates,
  key: K,
  on: IsoDate,
): DatedRate<MoneyRates[K][number]['value']> {
  const table = rates[key] as RateTable<MoneyRates[K][number]['value']>;
  const entry = findRate(table, on);
  if (entry) return entry;
  const label = RATE_LABELS[key];
  throw new PaymentRuleError([
    problem(
      `rates.${key}`,
      'RATE_MISSING',
      `Chưa cấu hình ${label.vi} áp dụng cho ngày ${on}.`,
      `No ${label.en} is configured for ${on}.`,
    ),
  ]);
}

/**
 * Problems of a dated table: invalid dates, `until` before `from`, entries that overlap, missing source.
 * Gaps are allowed (a day in a gap has no rate and {@link rateOn} refuses it).
 */
export function rateTableProblems<T>(table: RateTable<T>, field: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  table.forEach((entry, index) => {
    const at = `${field}[${index}]`;
    for (const [name, value] of [
      ['from', entry.from],
      ['until', entry.until],
    ] as const) {
      if (value == null && name === 'until') continue;
      try {
        parseIsoDate(String(value));
      } catch {
        problems.push(
          problem(
            `${at}.${name}`,
            'INVALID_DATE',
            `Ngày "${String(value)}" không hợp lệ (cần dạng YYYY-MM-DD).`,
            `The date "${String(value)}" is invalid (expected YYYY-MM-DD).`,
          ),
        );
      }
    }
    if (entry.until != null && isAfter(entry.from, entry.until)) {
      problems.push(
        problem(
          `${at}.until`,
          'RATE_UNTIL_BEFORE_FROM',
          `Ngày hết hiệu lực ${entry.until} trước ngày bắt đầu ${entry.from}.`,
          `The end date ${entry.until} is before the start date ${entry.from}.`,
        ),
      );
    }
    if (typeof entry.source !== 'string' || entry.source.trim() === '') {
      problems.push(
        problem(
          `${at}.source`,
          'RATE_SOURCE_MISSING',
          'Cần ghi căn cứ (văn bản, điều khoản) của mức này.',
          'The source (text and article) of this value is required.',
        ),
      );
    }
  });
  const sorted = table
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.from < b.entry.from ? -1 : a.entry.from > b.entry.from ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!.entry;
    const current = sorted[i]!;
    if (previous.until == null || current.entry.from <= previous.until) {
      problems.push(
        problem(
          `${field}[${current.index}].from`,
          'RATE_OVERLAP',
          `Khoảng áp dụng từ ${current.entry.from} chồng lên khoảng bắt đầu ${previous.from}.`,
          `The period from ${current.entry.from} overlaps the one starting ${previous.from}.`,
        ),
      );
    }
  }
  return problems;
}

/** Problems of every table of a rate set (see {@link rateTableProblems}). */
export function moneyRatesProblems(rates: MoneyRates): FieldProblem[] {
  return MONEY_RATE_KEYS.flatMap((key) => rateTableProblems(rates[key] as RateTable<unknown>, key));
}

/** One row as the server stores it: the table's name and one dated entry. */
export interface MoneyRateRecord {
  readonly key: MoneyRateKey;
  readonly from: IsoDate;
  readonly until: IsoDate | null;
  readonly value: unknown;
  readonly source: string;
  readonly verified: boolean;
}

/** The tables as rows for storage (one row per dated entry). */
export function flattenMoneyRates(rates: MoneyRates): MoneyRateRecord[] {
  return MONEY_RATE_KEYS.flatMap((key) =>
    (rates[key] as RateTable<unknown>).map((entry) => ({
      key,
      from: entry.from,
      until: entry.until ?? null,
      value: entry.value,
      source: entry.source,
      verified: entry.verified,
    })),
  );
}

/**
 * Rebuilds the tables from stored rows; throws {@link PaymentRuleError} when a row names an unknown
 * table or a table is inconsistent. Values are taken as stored (the server validates their shape when
 * an administrator edits them).
 */
export function moneyRatesFromRecords(records: readonly MoneyRateRecord[]): MoneyRates {
  const tables = Object.fromEntries(
    MONEY_RATE_KEYS.map((key) => [key, [] as DatedRate<unknown>[]]),
  ) as Record<MoneyRateKey, DatedRate<unknown>[]>;
  const problems: FieldProblem[] = [];
  records.forEach((record, index) => {
    const table = tables[record.key];
    if (!table) {
      problems.push(
        problem(
          `records[${index}].key`,
          'RATE_UNKNOWN_TABLE',
          `Không có bảng mức "${String(record.key)}".`,
          `There is no rate table "${String(record.key)}".`,
        ),
      );
      return;
    }
    table.push({
      from: record.from,
      until: record.until,
      value: record.value,
      source: record.source,
      verified: record.verified,
    });
  });
  for (const key of MONEY_RATE_KEYS) tables[key].sort((a, b) => (a.from < b.from ? -1 : 1));
  const rates = tables as unknown as MoneyRates;
  problems.push(...moneyRatesProblems(rates));
  if (problems.length > 0) throw new PaymentRuleError(problems);
  return rates;
}

/**
 * The defaults shipped with motcua, each with its source. `verified: false` marks values taken from a
 * secondary source (news, public code quoting the text) or chosen as a safe default; docs/money.md
 * says which. An administrator replaces them when a new decree applies.
 */
export const DEFAULT_MONEY_RATES: MoneyRates = Object.freeze({
  referenceLevel: [
    {
      from: '2019-07-01',
      until: '2023-06-30',
      value: 1_490_000,
      source: 'Nghị định 38/2019/NĐ-CP (lương cơ sở); not read here',
      verified: false,
    },
    {
      from: '2023-07-01',
      until: '2024-06-30',
      value: 1_800_000,
      source: 'Nghị định 24/2023/NĐ-CP (lương cơ sở); not read here',
      verified: false,
    },
    {
      from: '2024-07-01',
      until: '2026-06-30',
      value: 2_340_000,
      source:
        'Nghị định 73/2024/NĐ-CP (lương cơ sở); Luật BHXH 41/2024 Art. 141: the reference level equals the base salary while it exists',
      verified: false,
    },
    {
      from: '2026-07-01',
      until: null,
      value: 2_530_000,
      source: 'Nghị định 161/2026/NĐ-CP (lương cơ sở 2.530.000 đ from 01/7/2026); domain.md §7 [V]',
      verified: true,
    },
  ],
  ruralPovertyLine: [
    {
      from: '2016-01-01',
      until: '2021-12-31',
      value: 700_000,
      source: 'Quyết định 59/2015/QĐ-TTg (chuẩn nghèo 2016–2020, kept for 2021); not read here',
      verified: false,
    },
    {
      from: '2022-01-01',
      until: '2026-12-31',
      value: 1_500_000,
      source:
        'Nghị định 07/2021/NĐ-CP Art. 3.1 (1.500.000 đ/người/tháng, nông thôn); kept until the successor applies [S]',
      verified: false,
    },
    {
      from: '2027-01-01',
      until: null,
      value: 2_200_000,
      source: 'Successor of NĐ 07/2021 for 2026–2030 (number not identified) [S]',
      verified: false,
    },
  ],
  voluntaryContribution: [
    {
      from: '2016-01-01',
      until: '2025-06-30',
      value: {
        rateBp: 2200,
        ceilingMultiple: 20,
        incomeStep: 50_000,
        futureYearsMinMonths: 24,
        futureYearsMaxMonths: 60,
        missingYearsMaxMonths: 120,
        supportOnMissingYears: false,
      },
      source: 'Luật BHXH 58/2014 Art. 87; Nghị định 134/2015/NĐ-CP Art. 9–10; not read here',
      verified: false,
    },
    {
      from: '2025-07-01',
      until: null,
      value: {
        rateBp: 2200,
        ceilingMultiple: 20,
        incomeStep: 50_000,
        futureYearsMinMonths: 24,
        futureYearsMaxMonths: 60,
        missingYearsMaxMonths: 60,
        supportOnMissingYears: false,
      },
      source:
        'Luật BHXH 41/2024 Art. 31, 36 (22%; floor = rural poverty line; ceiling = 20 × reference level) [V]; NĐ 159/2025/NĐ-CP Art. 6–7 (future years ≤ 5, missing ≤ 60 months) [S]; 50.000 đ step [S]',
      verified: false,
    },
  ],
  voluntarySupport: [
    {
      from: '2016-01-01',
      until: '2025-06-30',
      value: { shareBp: { poor: 3000, near_poor: 2500, other: 1000 }, maxMonths: 120 },
      source: 'Nghị định 134/2015/NĐ-CP Art. 14 (30% / 25% / 10%, at most 10 years) [S]',
      verified: false,
    },
    {
      from: '2025-07-01',
      until: null,
      value: {
        shareBp: { poor: 5000, island: 5000, near_poor: 4000, ethnic_minority: 3000, other: 2000 },
        maxMonths: 120,
      },
      source: 'Nghị định 159/2025/NĐ-CP Art. 5 (50% / 40% / 30% / 20%, at most 120 months) [S]',
      verified: false,
    },
  ],
  householdHealthInsurance: [
    {
      from: '2018-12-01',
      until: null,
      value: { firstMemberRateBp: 450, ladderBp: [10000, 7000, 6000, 5000, 4000], paymentMonths: [3, 6, 12] },
      source:
        'Nghị định 146/2018/NĐ-CP Art. 7.1 (4,5%; ladder 70/60/50/40% in point g) and Art. 9.7 (3, 6 or 12 months) [V]; same ladder under NĐ 188/2025/NĐ-CP [S]',
      verified: true,
    },
  ],
  fines: [
    {
      from: '2013-07-01',
      until: '2021-12-31',
      value: {
        dailyLateRateBp: 5,
        paymentTermDays: 10,
        unprovenReceiptDays: 12,
        papersReturnWorkingDays: null,
      },
      source: 'Luật Xử lý vi phạm hành chính 15/2012/QH13 Art. 73, 78 [S]',
      verified: false,
    },
    {
      from: '2022-01-01',
      until: null,
      value: { dailyLateRateBp: 5, paymentTermDays: 10, unprovenReceiptDays: 12, papersReturnWorkingDays: 5 },
      source:
        'Luật XLVPHC Art. 73 (10 days), Art. 78 (0,05%/day) [S]; NĐ 118/2021/NĐ-CP Art. 20–21 (postal payment; papers back within 5 working days) [S]; TT 18/2023/TT-BTC Art. 5 (days late) [S]',
      verified: false,
    },
  ],
  payouts: [
    {
      from: '2025-07-01',
      until: null,
      value: {
        proxyMaxMonths: 12,
        proxyRequiresCertification: true,
        law2014ProxyUsableUntil: '2026-06-30',
        homePayoutMinimumAge: 80,
        suspendAfterUncollectedMonths: null,
        paymentWindow: null,
      },
      source:
        'Luật BHXH 41/2024 Art. 10.2.d (12 months, certified), 10.2.đ (80+ at home), 141.14 (2014 authorisations until 30/6/2026) [V]; months not collected and payment window: BHXH procedure, not verified — no suspension, any day',
      verified: true,
    },
  ],
});
