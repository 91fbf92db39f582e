/**
 * Officially announced public-sector holiday schedules, 2018–2026, shipped as data.
 *
 * Each year the Government decides which days of Tết are taken and may swap a bridge weekday with a
 * Saturday (hoán đổi ngày làm việc): the weekday becomes a day off and the Saturday a working day for
 * officials of agencies that rest on Saturday and Sunday. The decision is conveyed by a Thông báo of
 * Bộ Lao động - Thương binh và Xã hội (to 2025-02), of Bộ Nội vụ (from 2025-03), and/or a công văn of
 * Văn phòng Chính phủ (VPCP) relaying the Prime Minister's approval.
 *
 * Verification: the days below were checked against published reports of the announcements (press
 * articles and government portals quoting them). Where the document number could not be confirmed the
 * `source` says so ("số văn bản chưa xác minh"). Holidays not listed here for a year follow the computed
 * default of holidays.ts (e.g. a Giỗ Tổ on Sunday → Monday off, which every year's notice repeats).
 *
 * Not covered: the Quốc khánh 2026 schedule (a 5-day break was reported as proposed but not confirmed;
 * the computed default 1/9 + 2/9 applies), and any decision published after this file was written —
 * administrators add those as overrides.
 */

import { addDays, type IsoDate, isWeekend } from './dates.ts';
import type { CalendarEntry, HolidayKey } from './types.ts';

/** One announced decision: its days, and which computed holiday groups it replaces. */
export interface Announcement {
  /** The year whose holidays it governs (a Tết Dương lịch notice may also cover 31/12 of the year before). */
  year: number;
  /** Computed default groups that this announcement replaces for `year` (e.g. the placement of Tết). */
  replaces: HolidayKey[];
  source: string;
  entries: CalendarEntry[];
}

const TET = 'Tết Nguyên đán';
const NATIONAL_DAY = 'Quốc khánh';

/** Weekdays from `from` to `to` inclusive, as off days with one reason. */
function offWeekdays(from: IsoDate, to: IsoDate, reason: string, holiday: HolidayKey): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (!isWeekend(day)) entries.push({ date: day, kind: 'off', reason, holiday });
  }
  return entries;
}

/** A swapped pair: `offDay` (a weekday) becomes a day off, `workSaturday` a working day. */
function swap(offDay: IsoDate, workSaturday: IsoDate, holiday: HolidayKey): CalendarEntry[] {
  const sameYear = offDay.slice(0, 4) === workSaturday.slice(0, 4);
  const ddmm = (iso: IsoDate) =>
    `${iso.slice(8, 10)}/${iso.slice(5, 7)}${sameYear ? '' : `/${iso.slice(0, 4)}`}`;
  return [
    { date: offDay, kind: 'off', reason: `Nghỉ hoán đổi, làm bù ngày ${ddmm(workSaturday)}`, holiday },
    { date: workSaturday, kind: 'work', reason: `Làm bù cho ngày ${ddmm(offDay)}` },
  ];
}

/** All shipped announcements. */
export const ANNOUNCEMENTS: readonly Announcement[] = [
  // 2018
  {
    year: 2018,
    replaces: ['lunarNewYear'],
    source:
      'Văn phòng Chính phủ truyền đạt ý kiến Thủ tướng đồng ý đề xuất của Bộ LĐTBXH về nghỉ Tết Mậu Tuất 2018 (11/2017): nghỉ 7 ngày 14/02–20/02/2018, gồm 2 ngày trước Tết; số văn bản chưa xác minh',
    entries: offWeekdays('2018-02-14', '2018-02-20', TET, 'lunarNewYear'),
  },
  // 2019
  {
    year: 2019,
    replaces: [],
    source:
      'Thông báo của Bộ LĐTBXH về nghỉ Tết Dương lịch, Tết Âm lịch và 30/4–1/5 năm 2019 (12/2018), theo Thủ tướng đồng ý; nghỉ 31/12/2018–01/01/2019, làm bù thứ Bảy 05/01/2019; số văn bản chưa xác minh',
    entries: swap('2018-12-31', '2019-01-05', 'newYear'),
  },
  {
    year: 2019,
    replaces: ['lunarNewYear'],
    source:
      'Thông báo của Bộ LĐTBXH về nghỉ Tết Kỷ Hợi 2019 (12/2018): nghỉ 02/02–10/02/2019 (28 tháng Chạp Mậu Tuất – mùng 6 tháng Giêng); số văn bản chưa xác minh',
    entries: offWeekdays('2019-02-02', '2019-02-10', TET, 'lunarNewYear'),
  },
  {
    year: 2019,
    replaces: [],
    source:
      'Thông báo của Bộ LĐTBXH về nghỉ lễ 30/4–1/5/2019 (12/2018): nghỉ 29/04–01/05/2019, làm bù thứ Bảy 04/05/2019; số văn bản chưa xác minh',
    entries: swap('2019-04-29', '2019-05-04', 'victoryDay'),
  },
  // 2020
  {
    year: 2020,
    replaces: ['lunarNewYear'],
    source:
      'Thông báo của Bộ LĐTBXH về nghỉ Tết Canh Tý 2020 (11/2019): nghỉ 23/01–29/01/2020 (29 tháng Chạp Kỷ Hợi – mùng 5 tháng Giêng); số văn bản chưa xác minh',
    entries: offWeekdays('2020-01-23', '2020-01-29', TET, 'lunarNewYear'),
  },
  // 2021
  {
    year: 2021,
    replaces: ['lunarNewYear'],
    source:
      'Thông báo của Bộ LĐTBXH về nghỉ Tết Tân Sửu và Quốc khánh 2021 (11/2020): nghỉ Tết 10/02–16/02/2021 (29 tháng Chạp Canh Tý – mùng 5 tháng Giêng); số văn bản chưa xác minh',
    entries: offWeekdays('2021-02-10', '2021-02-16', TET, 'lunarNewYear'),
  },
  {
    year: 2021,
    replaces: ['nationalDay'],
    source:
      'Thông báo của Bộ LĐTBXH về nghỉ Tết Tân Sửu và Quốc khánh 2021 (11/2020): nghỉ Quốc khánh 02/09–03/09/2021 (4 ngày liên tục đến 05/09); số văn bản chưa xác minh',
    entries: offWeekdays('2021-09-02', '2021-09-03', NATIONAL_DAY, 'nationalDay'),
  },
  // 2022
  {
    year: 2022,
    replaces: ['lunarNewYear'],
    source:
      'Công văn số 245/VPCP-KGVX ngày 11/01/2022 của Văn phòng Chính phủ: nghỉ Tết Nhâm Dần 5 ngày 31/01–04/02/2022 cùng 4 ngày cuối tuần trước và sau Tết',
    entries: offWeekdays('2022-01-31', '2022-02-04', TET, 'lunarNewYear'),
  },
  {
    year: 2022,
    replaces: ['nationalDay'],
    source:
      'Thông báo của Bộ LĐTBXH về nghỉ Quốc khánh 2022: nghỉ 01/09–02/09/2022 (4 ngày liên tục đến 04/09); số văn bản chưa xác minh',
    entries: offWeekdays('2022-09-01', '2022-09-02', NATIONAL_DAY, 'nationalDay'),
  },
  // 2023
  {
    year: 2023,
    replaces: ['lunarNewYear'],
    source:
      'Công văn số 8056/VPCP-KGVX ngày 01/12/2022 của Văn phòng Chính phủ: nghỉ Tết Quý Mão 20/01–26/01/2023 (29 tháng Chạp Nhâm Dần – mùng 5 tháng Giêng)',
    entries: offWeekdays('2023-01-20', '2023-01-26', TET, 'lunarNewYear'),
  },
  {
    year: 2023,
    replaces: ['nationalDay'],
    source:
      'Công văn số 8056/VPCP-KGVX ngày 01/12/2022 của Văn phòng Chính phủ: nghỉ Quốc khánh 01/09–04/09/2023 (2/9 là thứ Bảy, nghỉ bù thứ Hai 04/09)',
    entries: [
      { date: '2023-09-01', kind: 'off', reason: NATIONAL_DAY, holiday: 'nationalDay' },
      { date: '2023-09-02', kind: 'off', reason: NATIONAL_DAY, holiday: 'nationalDay' },
      { date: '2023-09-04', kind: 'off', reason: 'Nghỉ bù Quốc khánh', holiday: 'nationalDay' },
    ],
  },
  // 2024
  {
    year: 2024,
    replaces: ['lunarNewYear'],
    source:
      'Thông báo số 5015/TB-LĐTBXH ngày 22/11/2023 của Bộ LĐTBXH: nghỉ Tết Giáp Thìn 08/02–14/02/2024 (29 tháng Chạp Quý Mão – mùng 5 tháng Giêng)',
    entries: offWeekdays('2024-02-08', '2024-02-14', TET, 'lunarNewYear'),
  },
  {
    year: 2024,
    replaces: [],
    source:
      'Công văn số 2450/VPCP-KGVX ngày 12/04/2024 của Văn phòng Chính phủ: hoán đổi thứ Hai 29/04/2024 với thứ Bảy 04/05/2024 (nghỉ 27/04–01/05/2024)',
    entries: swap('2024-04-29', '2024-05-04', 'victoryDay'),
  },
  {
    year: 2024,
    replaces: ['nationalDay'],
    source:
      'Thông báo số 5015/TB-LĐTBXH ngày 22/11/2023 của Bộ LĐTBXH: nghỉ Quốc khánh 31/08–03/09/2024 (02/09 và 03/09)',
    entries: offWeekdays('2024-09-02', '2024-09-03', NATIONAL_DAY, 'nationalDay'),
  },
  // 2025
  {
    year: 2025,
    replaces: ['lunarNewYear'],
    source:
      'Công văn số 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ: nghỉ Tết Ất Tỵ 25/01–02/02/2025 (26 tháng Chạp Giáp Thìn – mùng 5 tháng Giêng), 5 ngày Tết 27/01–31/01',
    entries: offWeekdays('2025-01-25', '2025-02-02', TET, 'lunarNewYear'),
  },
  {
    year: 2025,
    replaces: [],
    source:
      'Công văn số 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ: hoán đổi thứ Sáu 02/05/2025 với thứ Bảy 26/04/2025 (nghỉ 30/04–04/05/2025)',
    entries: swap('2025-05-02', '2025-04-26', 'labourDay'),
  },
  {
    year: 2025,
    replaces: ['nationalDay'],
    source:
      'Công văn số 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ: nghỉ Quốc khánh 30/08–02/09/2025 (01/09 và 02/09)',
    entries: offWeekdays('2025-09-01', '2025-09-02', NATIONAL_DAY, 'nationalDay'),
  },
  // 2026
  {
    year: 2026,
    replaces: [],
    source:
      'Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (Phó Thủ tướng đồng ý đề xuất của Bộ Nội vụ): hoán đổi thứ Sáu 02/01/2026 với thứ Bảy 10/01/2026 (nghỉ 01/01–04/01/2026)',
    entries: swap('2026-01-02', '2026-01-10', 'newYear'),
  },
  {
    year: 2026,
    replaces: ['lunarNewYear'],
    source:
      'Thông báo số 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ: nghỉ Tết Bính Ngọ 16/02–20/02/2026 (29 tháng Chạp Ất Tỵ – mùng 4 tháng Giêng), cùng 4 ngày cuối tuần là 9 ngày 14/02–22/02',
    entries: offWeekdays('2026-02-16', '2026-02-20', TET, 'lunarNewYear'),
  },
];

/** Years for which an announced schedule is shipped. */
export const ANNOUNCED_YEARS: readonly number[] = [...new Set(ANNOUNCEMENTS.map((a) => a.year))];

/** Shipped announced entries whose date falls in a Gregorian year, each with its `source`, sorted. */
export function announcedEntries(year: number): CalendarEntry[] {
  const prefix = `${year}-`;
  return ANNOUNCEMENTS.flatMap((a) =>
    a.entries.filter((e) => e.date.startsWith(prefix)).map((e) => ({ ...e, source: a.source })),
  ).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Holiday groups whose computed placement is replaced by an announcement for that year. */
export function replacedGroups(year: number): Set<HolidayKey> {
  return new Set(ANNOUNCEMENTS.filter((a) => a.year === year).flatMap((a) => a.replaces));
}
