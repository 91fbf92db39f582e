import { ACTION_LABELS, type DossierAction, formatVnDateTime, STATUS_LABELS } from '@motcua/core';
import { createTransport } from 'nodemailer';
import type { Config } from '../config.ts';
import { OutboxTopic } from './outbox.ts';
import type { OutboxHandler, OutboxLog } from './worker.ts';

/** Payload of `notify.citizen`, written by `runAction` for the steps the applicant hears about. */
export interface CitizenNoticePayload {
  dossierId: string;
  event: string;
  label: string;
}

/** What we tell the applicant, independent of the channel. */
export interface CitizenNotice {
  dossierCode: string;
  subject: string;
  text: string;
  lookupUrl: string;
}

/** How to reach the applicant; a channel uses what it needs and skips when it is missing. */
export interface CitizenContact {
  email: string | null;
  phone: string | null;
}

/**
 * One way of reaching the applicant. E-mail is the only one today; an SMS gateway (brandname SMS) is
 * another implementation of this interface added to the list given to `citizenNotificationHandler`.
 */
export interface NotificationChannel {
  name: string;
  /** 'sent', or 'skipped' when this channel cannot reach the contact (no address, not configured). */
  send(notice: CitizenNotice, contact: CitizenContact): Promise<'sent' | 'skipped'>;
}

/** E-mail over SMTP with nodemailer, or null when `MOTCUA_SMTP_HOST` is not set. */
export function emailChannel(config: Config): NotificationChannel | null {
  const smtp = config.smtp;
  if (!smtp) return null;
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    name: 'email',
    async send(notice, contact) {
      if (!contact.email) return 'skipped';
      await transport.sendMail({
        from: smtp.from,
        to: contact.email,
        subject: notice.subject,
        text: notice.text,
      });
      return 'sent';
    },
  };
}

/** The channels this configuration can use: e-mail when SMTP is set; SMS is not available yet. */
export function configuredChannels(config: Config): NotificationChannel[] {
  return [emailChannel(config)].filter((c): c is NotificationChannel => c !== null);
}

/** Extra sentence per event, in plain Vietnamese. */
function eventSentence(event: string, dossier: NoticeDossier): string | null {
  switch (event) {
    case 'receive':
      return `Ngày hẹn trả kết quả: ${formatVnDateTime(new Date(dossier.appointment_at))}.`;
    case 'request_supplement':
      return 'Cơ quan giải quyết đề nghị ông/bà bổ sung, hoàn thiện hồ sơ. Vui lòng xem chi tiết theo đường dẫn dưới đây hoặc liên hệ nơi nộp hồ sơ.';
    case 'apologise':
      return `Cơ quan giải quyết xin lỗi vì chậm trễ; ngày hẹn trả kết quả mới: ${formatVnDateTime(new Date(dossier.appointment_at))}.`;
    case 'refuse':
      return 'Hồ sơ không được giải quyết; văn bản trả lời nêu rõ lý do.';
    case 'confirm_at_site':
      return dossier.return_method === 'postal'
        ? 'Kết quả đã có và sẽ được bưu điện chuyển phát đến địa chỉ ông/bà đã đăng ký.'
        : 'Kết quả đã có, mời ông/bà đến nhận tại nơi trả kết quả (mang theo giấy tờ tùy thân).';
    case 'return_result':
      return 'Ông/bà có thể đánh giá mức độ hài lòng theo đường dẫn dưới đây.';
    case 'withdraw':
      return 'Hồ sơ đã dừng giải quyết theo đề nghị của ông/bà.';
    default:
      return null;
  }
}

interface NoticeDossier {
  code: string;
  lookup_token: string;
  procedure_name: string;
  status: keyof typeof STATUS_LABELS;
  appointment_at: string;
  return_method: 'counter' | 'postal';
}

/** The short Vietnamese message for one step of a dossier. */
export function composeCitizenNotice(
  dossier: NoticeDossier,
  payload: Pick<CitizenNoticePayload, 'event' | 'label'>,
  publicUrl: string,
): CitizenNotice {
  const label = payload.label || ACTION_LABELS[payload.event as DossierAction]?.vi || payload.event;
  const lookupUrl = `${publicUrl}/tra-cuu/${dossier.lookup_token}`;
  const lines = [
    'Kính gửi ông/bà,',
    '',
    `Hồ sơ ${dossier.code} (${dossier.procedure_name}): ${label}.`,
    eventSentence(payload.event, dossier),
    `Trạng thái hiện tại: ${STATUS_LABELS[dossier.status].vi}.`,
    '',
    `Tra cứu hồ sơ: ${lookupUrl}`,
    '',
    'Đây là thư tự động của Bộ phận một cửa, vui lòng không trả lời thư này.',
  ].filter((line): line is string => line !== null);
  return {
    dossierCode: dossier.code,
    subject: `Hồ sơ ${dossier.code}: ${label}`,
    text: lines.join('\n'),
    lookupUrl,
  };
}

/**
 * Handler of `notify.citizen`: composes the notice and tries every channel. A dossier without any
 * reachable contact, or a server without channels, completes with nothing sent (logged at debug); a
 * channel that fails throws, so the outbox retries the message.
 */
export function citizenNotificationHandler(channels: NotificationChannel[]): OutboxHandler {
  return async (message, { database, config, log }) => {
    const payload = message.payload as CitizenNoticePayload;
    const dossier = await database.db
      .selectFrom('dossiers')
      .select([
        'code',
        'lookup_token',
        'procedure_name',
        'status',
        'appointment_at',
        'return_method',
        'applicant_email',
        'applicant_phone',
      ])
      .where('id', '=', payload.dossierId)
      .executeTakeFirst();
    if (!dossier) {
      log.debug(
        { outboxId: message.id, dossierId: payload.dossierId },
        'notice for an unknown dossier: skipped',
      );
      return;
    }
    const notice = composeCitizenNotice(dossier, payload, config.publicUrl);
    const contact: CitizenContact = { email: dossier.applicant_email, phone: dossier.applicant_phone };
    const sentBy: string[] = [];
    for (const channel of channels) {
      if ((await channel.send(notice, contact)) === 'sent') sentBy.push(channel.name);
    }
    logOutcome(log, { outboxId: message.id, code: dossier.code, event: payload.event, sentBy });
  };
}

function logOutcome(
  log: OutboxLog,
  fields: { outboxId: string; code: string; event: string; sentBy: string[] },
): void {
  if (fields.sentBy.length === 0)
    log.debug(fields, 'citizen notice: no channel reaches the applicant, nothing sent');
  else log.info(fields, 'citizen notice sent');
}

/** The outbox handlers of the running server, by topic. */
export function outboxHandlers(config: Config): Record<string, OutboxHandler> {
  return { [OutboxTopic.NotifyCitizen]: citizenNotificationHandler(configuredChannels(config)) };
}
