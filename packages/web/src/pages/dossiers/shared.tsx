import { DatePicker, type DatePickerProps, Space, type TableColumnsType, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { Profile } from '../../auth.tsx';
import type { MessageKey, Translate } from '../../i18n.ts';

/** The dossier statuses the server derives (`@motcua/core` DossierStatus). */
export const STATUSES = [
  'received',
  'processing',
  'awaiting_approval',
  'awaiting_supplement',
  'result_ready',
  'returned',
  'withdrawn',
] as const;
export type DossierStatus = (typeof STATUSES)[number];

/** Statuses in which the processing time runs (`RUNNING_STATUSES` of `@motcua/core`). */
export const isRunning = (status: string): boolean =>
  status === 'received' || status === 'processing' || status === 'awaiting_approval';

export interface ClockFlags {
  overdue: boolean;
  nearingDue: boolean;
  leftMillis: number;
  overdueMillis: number;
}

/** A dossier in the book or the inbox (`DossierListItem`). */
export interface DossierListItem {
  id: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  applicantName: string;
  status: DossierStatus;
  statusLabel: string;
  inTransit: boolean;
  decision: string | null;
  receivingSiteId: string;
  receivingSiteName: string | null;
  currentAgencyId: string;
  currentAgencyName: string | null;
  receivedAt: string;
  appointmentAt: string;
  agencyDueAt: string | null;
  handoverDueAt: string | null;
  resultReadyAt: string | null;
  returnedAt: string | null;
  resultTiming: string | null;
  registerNumber: number;
  flags?: ClockFlags;
}

export interface Ref {
  id: string;
  code: string;
  name: string;
}

export interface TimelineEntry {
  seq: number;
  type: string;
  label: string;
  labelEn: string;
  at: string;
  actorName: string | null;
  actorRole: string | null;
  siteName: string | null;
  agencyName: string | null;
  payload: Record<string, unknown>;
}

/** Everything the console shows about one dossier (`GET /dossiers/:id`). */
export interface DossierView extends DossierListItem {
  lookupToken: string;
  /** The citizen lookup by code: wrong check digits lately, and the lock they set, if one runs. */
  lookupLock: { failures: number; lockedUntil: string | null };
  procedureId: string;
  procedureVersion: number;
  fieldName: string;
  channel: string;
  applicant: {
    kind: string;
    name: string;
    idNumber: string | null;
    birthDate: string | null;
    phone: string | null;
    email: string | null;
    address: string | null;
    taxCode: string | null;
  };
  returnMethod: 'counter' | 'postal';
  deliveryAddress: string | null;
  documents: { name: string; copyType: string; count: number }[];
  sets: number;
  feeTotal: number;
  feeReceipts: { number: string; amount: number; method: string; at: string }[];
  receivingSite: Ref;
  returningSite: Ref;
  leadAgency: Ref;
  currentAgency: Ref;
  assignedOfficerId: string | null;
  assignedOfficerName: string | null;
  location: { kind: string; id: string | null } | null;
  originalAppointmentAt: string;
  clockStartedAt: string | null;
  supplementCount: number;
  apologyCount: number;
  submitted: boolean;
  flags: ClockFlags & { supplementOpen: boolean; apologised: boolean };
  availableActions: string[];
  timeline: TimelineEntry[];
}

export interface BatchItem {
  dossierId: string;
  code: string;
  applicantName: string;
  procedureName: string;
  documentCount: number;
  status: string;
  note: string | null;
  confirmedAt: string | null;
}

export interface Batch {
  id: string;
  code: string;
  direction: 'to_agency' | 'to_site';
  status: 'sent' | 'received';
  siteId: string;
  siteName: string;
  agencyId: string;
  agencyName: string;
  courierName: string | null;
  postalItemNumber: string | null;
  createdAt: string;
  createdByName: string | null;
  receivedAt: string | null;
  receivedByName: string | null;
  items: BatchItem[];
}

/** A client transaction id: a retried action with the same id is applied once by the server. */
export function newTxId(prefix: string): string {
  const random =
    typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
          '',
        );
  return `${prefix}:${random}`;
}

/** The sites and agencies the user works for, per role. */
export function placesOf(user: Profile | null) {
  const roles = user?.roles ?? [];
  const has = (role: string) => roles.some((r) => r.role === role);
  const sitesFor = (...wanted: string[]) => {
    const seen = new Map<string, Ref>();
    for (const r of roles)
      if (wanted.includes(r.role) && r.servicePoint) seen.set(r.servicePoint.id, r.servicePoint);
    return [...seen.values()];
  };
  const agenciesFor = (...wanted: string[]) => {
    const seen = new Map<string, Ref>();
    for (const r of roles) if (wanted.includes(r.role) && r.agency) seen.set(r.agency.id, r.agency);
    return [...seen.values()];
  };
  return {
    roles: roles.map((r) => r.role),
    has,
    /** Counters where the user receives and returns dossiers. */
    clerkSites: sitesFor('clerk'),
    /** Agencies where the user processes dossiers. */
    agencies: agenciesFor('officer', 'leader'),
  };
}

const STATUS_COLOURS: Record<DossierStatus, string> = {
  received: 'blue',
  processing: 'geekblue',
  awaiting_approval: 'purple',
  awaiting_supplement: 'gold',
  result_ready: 'cyan',
  returned: 'green',
  withdrawn: 'default',
};

/** The status and the flags beside it: in transit, overdue, nearing due, supplement, apology. */
export function StatusTags({
  item,
  t,
}: {
  item: Pick<DossierListItem, 'status' | 'inTransit' | 'flags' | 'resultTiming'> & {
    flags?: Partial<DossierView['flags']>;
  };
  t: Translate;
}) {
  const flags = item.flags;
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOURS[item.status] ?? 'default'}>
        {t(`dossier.status.${item.status}` as MessageKey)}
      </Tag>
      {item.inTransit ? <Tag color="purple">{t('dossier.flag.inTransit')}</Tag> : null}
      {flags?.overdue ? <Tag color="red">{t('dossier.flag.overdue')}</Tag> : null}
      {flags?.nearingDue && !flags.overdue ? <Tag color="orange">{t('dossier.flag.nearingDue')}</Tag> : null}
      {flags?.supplementOpen ? <Tag color="gold">{t('dossier.flag.supplementOpen')}</Tag> : null}
      {flags?.apologised ? <Tag color="magenta">{t('dossier.flag.apologised')}</Tag> : null}
      {item.resultTiming ? (
        <Tag color={item.resultTiming === 'late' ? 'red' : 'green'}>
          {t(`dossier.timing.${item.resultTiming}` as MessageKey)}
        </Tag>
      ) : null}
    </Space>
  );
}

/** Working time left or overdue as "2 ngày 3 giờ" (a working day is 8 working hours). */
export function workingTimeText(t: Translate, millis: number): string {
  const hours = Math.max(0, Math.round(millis / 3_600_000));
  const days = Math.floor(hours / 8);
  const rest = hours % 8;
  if (days === 0) return t('dossier.hours', { n: rest });
  if (rest === 0) return t('dossier.days', { n: days });
  return t('dossier.daysHours', { d: days, h: rest });
}

/** `true` when any of the user's roles is one of these. */
export const hasAnyRole = (user: Profile | null, roles: readonly string[]) =>
  (user?.roles ?? []).some((r) => roles.includes(r.role));

/** The PDF of a dossier form, opened in a new tab. */
export const formUrl = (id: string, kind: string) => `/api/v1/dossiers/${id}/forms/${kind}.pdf`;

/**
 * The body without its null and undefined members, nested objects included. The server's schema
 * validation turns a `null` sent for an optional id into `''` (an intake with `deliveryUnitId: null`
 * fails on a foreign key), so optional fields are left out rather than sent as null.
 */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = compact(v);
  return out as T;
}

/**
 * A date picker inside a form where Enter submits: Enter here only confirms the typed date (the
 * picker handles it first), it does not submit the form half-filled.
 */
export function FormDatePicker(props: DatePickerProps) {
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: only stops Enter from submitting the form
    <span
      style={{ display: 'inline-block', width: props.style?.width }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) event.preventDefault();
      }}
    >
      <DatePicker {...props} />
    </span>
  );
}

/** What {@link identityColumns} shows of a row: a dossier, or a line of a handover batch. */
type IdentityRow = { code: string; procedureName: string; applicantName: string } & (
  | { id: string }
  | { dossierId: string }
);

/** The first columns of every dossier list: the code (a link to the dossier), procedure, applicant. */
export function identityColumns<T extends IdentityRow = DossierListItem>(t: Translate): TableColumnsType<T> {
  return [
    {
      title: t('dossier.code'),
      dataIndex: 'code',
      className: 'nowrap',
      render: (code: string, row) => (
        <Link to={`/ho-so/${'dossierId' in row ? row.dossierId : row.id}`}>{code}</Link>
      ),
    },
    { title: t('dossier.procedure'), dataIndex: 'procedureName' },
    { title: t('dossier.applicant'), dataIndex: 'applicantName' },
  ];
}
