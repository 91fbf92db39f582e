const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const pad = (n: number) => String(n).padStart(2, '0');

function parts(iso: string) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  // Vietnam has no daylight saving: UTC+7 all year.
  const local = new Date(date.getTime() + 7 * 3600_000);
  return {
    day: pad(local.getUTCDate()),
    month: pad(local.getUTCMonth() + 1),
    year: local.getUTCFullYear(),
    hour: pad(local.getUTCHours()),
    minute: pad(local.getUTCMinutes()),
  };
}

/** `30/11/2026` (Vietnam time); a plain `2026-11-30` date is shown as it is written. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso.split('-').reverse().join('/');
  const p = parts(iso);
  return p ? `${p.day}/${p.month}/${p.year}` : iso;
}

/** `30/11/2026 14:05` (Vietnam time), in both languages: the console's one date-time format. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  if (!p) return iso;
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

export { TIME_ZONE };

/** `20.000 ₫`: integer đồng with dots between thousands. */
export function formatMoney(amount: number): string {
  return `${Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;
}

/** `07:30` (Vietnam time). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  return p ? `${p.hour}:${p.minute}` : iso;
}

/** A time window: `01/12/2026 07:30 – 11:30` (Vietnam time), the date first as in `formatDateTime`. */
export function formatWindow(start: string, end: string): string {
  return `${formatDate(start)} ${formatTime(start)} – ${formatTime(end)}`;
}
