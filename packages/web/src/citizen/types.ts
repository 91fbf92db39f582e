import type { Text } from '../light/i18n.ts';

/** The public view of `GET /api/v1/public/dossiers/:token` (server `modules/public/schema.ts`). */
export interface PublicView {
  code: string;
  lookupToken: string;
  procedureName: string;
  applicantInitials: string;
  status: string;
  statusLabel: Text;
  location: { kind: 'site' | 'agency' | 'in_transit' | null; name: string | null; label: Text };
  receivedAt: string;
  appointmentAt: string;
  originalAppointmentAt: string | null;
  clock: {
    running: boolean;
    overdue: boolean;
    nearingDue: boolean;
    text: Text | null;
  };
  /** While the dossier awaits its supplement: the papers asked for, by when, and where to bring them. */
  supplement: {
    requestedAt: string;
    items: string[];
    reason: string;
    dueDate: string | null;
    place: { name: string; address: string };
    handedIn: { at: string; place: string | null } | null;
    text: Text;
  } | null;
  apology: {
    at: string;
    reason: string;
    previousAppointmentAt: string | null;
    newAppointmentAt: string | null;
  } | null;
  /** Why the appointment changed after a supplement (the time limit was counted again). */
  supplementClock?: {
    handedInAt: string;
    previousAppointmentAt: string | null;
    newAppointmentAt: string | null;
    moved: 'earlier' | 'later' | 'same' | null;
    text: Text;
  } | null;
  result: {
    available: boolean;
    returned: boolean;
    decision: 'approved' | 'refused' | null;
    returnMethod: 'counter' | 'postal';
    place: string | null;
    text: Text;
  } | null;
  timeline: { label: string; labelEn: string; at: string; place: string | null }[];
  canRate: boolean;
  rated: boolean;
  ratingCriteria: { criterion: string; label: Text }[];
  /** The postal delivery of the result (S10 number and tracking), when there is one. */
  delivery: PublicDelivery | null;
}

export interface PublicDelivery {
  itemNumber: string;
  status: string;
  statusLabel: Text;
  /** The address or the counter choice can still change (not dispatched). */
  canChange: boolean;
  events: { label: Text; at: string; reason: string | null }[];
}
