import dayjs from 'dayjs';

const money = new Intl.NumberFormat('vi-VN');

/** Integer đồng as Vietnamese money: `1250000` → `1.250.000 ₫`. */
export function formatMoney(amount: number): string {
  return `${money.format(amount)} ₫`;
}

/** An ISO date or instant as `DD/MM/YYYY` (the instant in the browser's zone, Vietnam at the counter). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  return dayjs(value).format('DD/MM/YYYY');
}

/**
 * An ISO instant as `DD/MM/YYYY HH:mm`: the one date-time format of the console and the light pages
 * (appointments, deadlines, history), in both languages.
 */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  return dayjs(value).format('DD/MM/YYYY HH:mm');
}
