import { FilePdfOutlined } from '@ant-design/icons';
import { formatPhoneNational } from '@motcua/core/identifiers/phone';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api, applyFieldErrors, clearServerErrors, type FieldError } from '../../api.ts';
import { type Profile, useAuth } from '../../auth.tsx';
import { PageTitle, ProblemAlert } from '../../components.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { type MessageKey, type Translate, useI18n } from '../../i18n.ts';
import { useIntentMutation } from '../../intent.ts';
import { RemoteSelect } from '../../RemoteSelect.tsx';
import { LoadError } from '../Forbidden.tsx';
import {
  compact,
  type DossierView,
  FormDatePicker,
  formUrl,
  isRunning,
  placesOf,
  StatusTags,
  type TimelineEntry,
  workingTimeText,
} from './shared.tsx';

type Where = 'agency' | 'receivingSite' | 'returningSite' | 'any';

interface ActionSpec {
  /** The path under `/dossiers/:id/`. */
  path: string;
  /** Roles that may take it (the server checks again, with the place). */
  roles: readonly string[];
  where: Where;
  danger?: boolean;
}

/** The lifecycle's actions (`availableActions`) the console offers, with their route and roles. */
const ACTIONS: Record<string, ActionSpec> = {
  assign: { path: 'assign', roles: ['leader'], where: 'agency' },
  record_step: { path: 'steps', roles: ['officer', 'leader'], where: 'agency' },
  request_supplement: { path: 'supplement-request', roles: ['officer', 'leader'], where: 'agency' },
  receive_supplement: { path: 'supplement-received', roles: ['officer', 'leader'], where: 'agency' },
  /** The same lifecycle action taken at the receiving post office's counter (`receive_supplement`). */
  receive_supplement_at_counter: { path: 'supplement-at-counter', roles: ['clerk'], where: 'receivingSite' },
  forward: { path: 'forward', roles: ['officer', 'leader'], where: 'agency' },
  return_from_forward: { path: 'forward-return', roles: ['officer', 'leader'], where: 'agency' },
  submit: { path: 'submit', roles: ['officer', 'leader'], where: 'agency' },
  approve: { path: 'approve', roles: ['leader'], where: 'agency' },
  return_for_rework: { path: 'return-for-rework', roles: ['leader'], where: 'agency' },
  refuse: { path: 'refuse', roles: ['leader'], where: 'agency', danger: true },
  record_result: { path: 'result', roles: ['officer', 'leader'], where: 'agency' },
  apologise: { path: 'apology', roles: ['leader'], where: 'agency' },
  return_result: { path: 'return', roles: ['clerk'], where: 'returningSite' },
  withdraw: { path: 'withdraw', roles: ['clerk', 'officer', 'leader'], where: 'any', danger: true },
};

/** The actions this user may take now: the lifecycle's ∩ the user's roles at the dossier's places. */
function myActions(d: DossierView, user: Profile | null): string[] {
  const places = placesOf(user);
  const atAgency = places.agencies.some((a) => a.id === d.currentAgency.id);
  const atReturningSite = places.clerkSites.some((s) => s.id === d.returningSite.id);
  const atReceivingSite = places.clerkSites.some((s) => s.id === d.receivingSite.id);
  const atSite = atReceivingSite || atReturningSite;
  const offered = d.availableActions.includes('receive_supplement')
    ? [...d.availableActions, 'receive_supplement_at_counter']
    : d.availableActions;
  return offered.filter((a) => {
    const spec = ACTIONS[a];
    if (!spec || !places.roles.some((r) => spec.roles.includes(r))) return false;
    if (spec.where === 'agency') return atAgency;
    if (spec.where === 'receivingSite') return atReceivingSite;
    if (spec.where === 'returningSite') return atReturningSite && !d.inTransit;
    return atAgency || atSite;
  });
}

/** The handover steps, taken on the Bàn giao page. */
const HANDOVER_ACTIONS = new Set(['send_to_agency', 'confirm_at_agency', 'send_to_site', 'confirm_at_site']);

/** The citizen lookup by code is locked: said at the top, with the clerk's unlock (after an identity check). */
function LookupLockAlert(props: {
  dossierId: string;
  lockedUntil: string;
  failures: number;
  canUnlock: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const unlock = useMutation({
    mutationFn: () => api.post(`/dossiers/${props.dossierId}/lookup-unlock`),
    onSuccess: async () => {
      message.success(t('dossier.lookupUnlocked'));
      await queryClient.invalidateQueries({ queryKey: ['dossier', props.dossierId] });
    },
    onError: (error) => message.error(error.message),
  });
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('dossier.lookupLocked', { time: formatDateTime(props.lockedUntil), count: props.failures })}
      action={
        props.canUnlock ? (
          <Button size="small" onClick={() => unlock.mutate()} loading={unlock.isPending}>
            {t('dossier.lookupUnlock')}
          </Button>
        ) : null
      }
    />
  );
}

/** The dossier: facts, flags, documents, fees, timeline, printed forms, and the actions open now. */
export default function DossierPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const [open, setOpen] = useState<string | null>(null);
  const dossier = useQuery({
    queryKey: ['dossier', id],
    queryFn: ({ signal }) => api.get<DossierView>(`/dossiers/${id}`, undefined, signal),
  });
  if (dossier.isPending) return <Spin size="large" style={{ display: 'block', margin: 48 }} />;
  if (dossier.isError) return <LoadError error={dossier.error} onRetry={() => dossier.refetch()} />;
  const d = dossier.data;
  const actions = myActions(d, user);
  const canUnlockLookup = user?.roles.some((r) => r.role === 'clerk') ?? false;
  const handover = d.availableActions.some((a) => HANDOVER_ACTIONS.has(a)) && !d.inTransit;
  const forms = formsOf(d);

  return (
    <>
      <PageTitle extra={<StatusTags item={d} t={t} />}>
        {t('dossier.title')} <span className="nowrap">{d.code}</span>
      </PageTitle>
      {d.lookupLock.lockedUntil ? (
        <LookupLockAlert
          dossierId={d.id}
          lockedUntil={d.lookupLock.lockedUntil}
          failures={d.lookupLock.failures}
          canUnlock={canUnlockLookup}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('dossier.facts')}>
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 1, xxl: 2 }} bordered>
              <Descriptions.Item label={t('dossier.procedure')} span={2}>
                {d.procedureCode} — {d.procedureName}
              </Descriptions.Item>
              <Descriptions.Item label={t('dossier.applicant')}>
                {d.applicant.name}
                {d.applicant.idNumber ? ` · ${d.applicant.idNumber}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('intake.phone')}>
                {formatPhoneNational(d.applicant.phone) || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('dossier.receivedAt')}>
                {formatDateTime(d.receivedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('dossier.appointment')}>
                <strong>{formatDateTime(d.appointmentAt)}</strong>
                {d.originalAppointmentAt !== d.appointmentAt
                  ? ` (${t('dossier.originalAppointment')}: ${formatDateTime(d.originalAppointmentAt)})`
                  : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('dossier.receivingSite')}>{d.receivingSite.name}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.returningSite')}>{d.returningSite.name}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.leadAgency')}>{d.leadAgency.name}</Descriptions.Item>
              <Descriptions.Item label={t('dossier.officer')}>
                {d.assignedOfficerName ?? '—'}
              </Descriptions.Item>
              {d.handoverDueAt && d.status === 'received' ? (
                <Descriptions.Item label={t('dossier.handoverDue')}>
                  {formatDateTime(d.handoverDueAt)}
                </Descriptions.Item>
              ) : null}
              {d.agencyDueAt ? (
                <Descriptions.Item label={t('dossier.agencyDue')}>
                  {formatDateTime(d.agencyDueAt)}
                </Descriptions.Item>
              ) : null}
              {d.flags.overdue || d.flags.nearingDue || (isRunning(d.status) && d.status !== 'received') ? (
                <Descriptions.Item label={t('dossier.timeLeft')}>
                  {d.flags.overdue ? (
                    <Typography.Text type="danger">
                      {t('dossier.overdueBy', { time: workingTimeText(t, d.flags.overdueMillis) })}
                    </Typography.Text>
                  ) : (
                    workingTimeText(t, d.flags.leftMillis)
                  )}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('intake.returnMethod')}>
                {d.returnMethod === 'postal'
                  ? `${t('intake.return.postal')}: ${d.deliveryAddress ?? ''}`
                  : t('intake.return.counter')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('dossier.timeline')} style={{ marginTop: 16 }}>
            <Timeline
              data-testid="timeline"
              items={d.timeline.map((e) => ({
                key: e.seq,
                color: e.type === 'refuse' ? 'red' : e.type === 'return_result' ? 'green' : 'blue',
                content: <TimelineRow entry={e} lang={lang} t={t} />,
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('dossier.actions')}>
            {actions.length === 0 && !handover ? (
              <Typography.Text type="secondary">{t('dossier.noActions')}</Typography.Text>
            ) : (
              <Space wrap>
                {actions.map((a) => (
                  <Button key={a} danger={ACTIONS[a]?.danger} onClick={() => setOpen(a)}>
                    {t(`action.${a}` as MessageKey)}
                  </Button>
                ))}
                {handover ? <Link to="/ban-giao">{t('dossier.toHandover')}</Link> : null}
              </Space>
            )}
          </Card>
          <Card size="small" title={t('dossier.forms')} style={{ marginTop: 16 }}>
            <Space direction="vertical" size={4}>
              {forms.map((kind) => (
                <a key={kind} href={formUrl(d.id, kind)} target="_blank" rel="noopener">
                  <FilePdfOutlined aria-hidden /> {t(`form.${kind}` as MessageKey)}
                </a>
              ))}
            </Space>
          </Card>
          <Card size="small" title={t('catalog.documents')} style={{ marginTop: 16 }}>
            <List
              size="small"
              dataSource={d.documents}
              renderItem={(doc) => (
                <List.Item>
                  <span>
                    {doc.name} <Tag>{t(`copy.${doc.copyType}` as MessageKey)}</Tag>
                    <Tag>{t('catalog.copies', { n: doc.count })}</Tag>
                  </span>
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={t('catalog.fees')} style={{ marginTop: 16 }}>
            {d.feeReceipts.length === 0 ? (
              <Typography.Text type="secondary">{t('dossier.noFee')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={d.feeReceipts}
                renderItem={(r) => (
                  <List.Item>
                    {t('dossier.feeReceipt', {
                      number: r.number,
                      amount: formatMoney(r.amount),
                      method: t(`intake.feeMethod.${r.method}` as MessageKey),
                      at: formatDateTime(r.at),
                    })}
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      {open ? <ActionModal action={open} dossier={d} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/** The printed forms that apply to the dossier now. */
function formsOf(d: DossierView): string[] {
  const forms = ['receipt', 'control_slip'];
  if (d.feeReceipts.length > 0) forms.push('fee_receipt');
  if (d.supplementCount > 0) forms.push('supplement_request');
  if (d.decision === 'refused') forms.push('refusal');
  if (d.apologyCount > 0) forms.push('apology');
  if (d.status === 'withdrawn' && d.receivedAt >= '2025-09-15') forms.push('stop_notice');
  return forms;
}

const PAYLOAD_KEYS = [
  'batchCode',
  'courierName',
  'step',
  'note',
  'reason',
  'reasons',
  'items',
  'number',
  'signer',
  'discrepancy',
  'collectorName',
  'recipientName',
  'authorisation',
  'newAppointmentAt',
  'feeCollected',
] as const;

function payloadText(key: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '' || value === false) return null;
  if (Array.isArray(value)) return value.join('; ');
  if (key === 'newAppointmentAt' && typeof value === 'string') return formatDateTime(value);
  if (key === 'feeCollected' && typeof value === 'number') return formatMoney(value);
  if (typeof value === 'object') return null;
  return String(value);
}

function TimelineRow({ entry, lang, t }: { entry: TimelineEntry; lang: string; t: Translate }) {
  const where = entry.siteName ?? entry.agencyName;
  const details = PAYLOAD_KEYS.map((k) => [k, payloadText(k, entry.payload[k])] as const).filter(
    (pair): pair is readonly [(typeof PAYLOAD_KEYS)[number], string] => pair[1] !== null,
  );
  return (
    <div className="timeline-row">
      <Typography.Text strong>{lang === 'en' ? entry.labelEn : entry.label}</Typography.Text>{' '}
      <Typography.Text type="secondary">{formatDateTime(entry.at)}</Typography.Text>
      <div>
        {entry.actorName ?? t('dossier.applicantActor')}
        {entry.actorRole && entry.actorRole !== 'citizen'
          ? ` (${t(`role.${entry.actorRole}` as MessageKey)})`
          : ''}
        {where ? ` · ${where}` : ''}
      </div>
      {details.length > 0 ? (
        <div className="timeline-details">
          {details.map(([k, v]) => (
            <div key={k}>
              {t(`payload.${k}` as MessageKey)}: {v}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

interface ActionValues {
  officerId?: string;
  step?: string;
  note?: string;
  budgetHours?: number | null;
  items?: string;
  reason?: string;
  dueDate?: Dayjs | null;
  toAgencyId?: string | null;
  budgetDays?: number | null;
  reasons?: string;
  number?: string;
  date?: Dayjs | null;
  signer?: string;
  summary?: string;
  newAppointmentAt?: Dayjs | null;
  method?: 'counter' | 'postal';
  collector?: { name?: string; idNumber?: string; isProxy?: boolean; authorisation?: string };
  delivery?: { recipientName?: string; postalItemNumber?: string };
  outstandingFee?: { amount?: number | null; method?: 'cash' | 'transfer' | 'card' };
  originalsReturned?: boolean;
}

const lines = (text: string | undefined) =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const opt = (text: string | undefined) => (text?.trim() ? text.trim() : null);

/** The request body of an action from its form. */
function bodyOf(action: string, v: ActionValues): Record<string, unknown> {
  switch (action) {
    case 'assign':
      return { officerId: v.officerId };
    case 'record_step':
      return { step: v.step?.trim(), note: opt(v.note), budgetHours: v.budgetHours ?? null };
    case 'request_supplement':
      return {
        items: lines(v.items),
        reason: v.reason?.trim(),
        dueDate: v.dueDate?.format('YYYY-MM-DD') ?? null,
      };
    case 'receive_supplement_at_counter':
      return { items: lines(v.items), note: opt(v.note) };
    case 'forward':
      return { toAgencyId: v.toAgencyId, note: opt(v.note), budgetDays: v.budgetDays ?? null };
    case 'refuse':
      return { reasons: lines(v.reasons) };
    case 'record_result':
      return {
        number: v.number?.trim(),
        date: v.date?.format('YYYY-MM-DD'),
        signer: v.signer?.trim(),
        summary: opt(v.summary),
      };
    case 'apologise':
      return { reason: v.reason?.trim(), newAppointmentAt: v.newAppointmentAt?.toISOString() };
    case 'return_result':
      return v.method === 'postal'
        ? {
            method: 'postal',
            delivery: {
              recipientName: v.delivery?.recipientName?.trim() ?? '',
              postalItemNumber: opt(v.delivery?.postalItemNumber),
            },
            outstandingFee: v.outstandingFee?.amount
              ? { amount: v.outstandingFee.amount, method: v.outstandingFee.method ?? 'cash' }
              : null,
          }
        : {
            method: 'counter',
            collector: {
              name: v.collector?.name?.trim() ?? '',
              idNumber: (v.collector?.idNumber ?? '').replace(/\s/g, ''),
              isProxy: v.collector?.isProxy ?? false,
              authorisation: v.collector?.isProxy ? opt(v.collector.authorisation) : null,
            },
            outstandingFee: v.outstandingFee?.amount
              ? { amount: v.outstandingFee.amount, method: v.outstandingFee.method ?? 'cash' }
              : null,
            originalsReturned: v.originalsReturned ?? false,
          };
    case 'withdraw':
    case 'return_for_rework':
      return { reason: v.reason?.trim() };
    default:
      return { note: opt(v.note) };
  }
}

function ActionModal({
  action,
  dossier,
  onClose,
}: {
  action: string;
  dossier: DossierView;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<ActionValues>();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<{ message: string; fields: FieldError[] } | null>(null);
  const spec = ACTIONS[action];
  // One key per opening of the action's dialog: a double click on OK records the action once.
  const run = useIntentMutation({
    mutationFn: (values: ActionValues, intent) =>
      api.post<DossierView>(
        `/dossiers/${dossier.id}/${spec?.path}`,
        compact({ clientTxId: intent.txId(action), ...bodyOf(action, values) }),
        { idempotencyKey: intent.key },
      ),
    onMutate: () => setProblem(null),
    onSuccess: (view) => {
      queryClient.setQueryData(['dossier', dossier.id], view);
      queryClient.invalidateQueries({ queryKey: ['dossiers'] });
      queryClient.invalidateQueries({ queryKey: ['inbox'] });
      onClose();
    },
    onError: (error) => {
      const rest = applyFieldErrors(form, error);
      if (rest.length > 0 || !(error instanceof ApiError) || error.fields.length === 0)
        setProblem({ message: error.message, fields: rest });
    },
  });
  const title = t(`action.${action}` as MessageKey);
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText={t('action.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: spec?.danger, loading: run.isPending, disabled: run.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
      width={640}
    >
      <Form<ActionValues>
        id="dossier-action"
        name="action"
        form={form}
        layout="vertical"
        initialValues={initialValues(action, dossier)}
        onFinish={(values) => run.mutate(values)}
        onValuesChange={(changed) => clearServerErrors(form, changed)}
      >
        <ActionFields action={action} dossier={dossier} />
        {/* Enter in a field submits, like the OK button. */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
      {problem ? <ProblemAlert problem={problem} /> : null}
    </Modal>
  );
}

function initialValues(action: string, d: DossierView): ActionValues {
  if (action === 'return_result')
    return {
      method: d.returnMethod,
      collector: { name: d.applicant.name, isProxy: false },
      delivery: { recipientName: d.applicant.name },
      outstandingFee: { amount: null, method: 'cash' },
      originalsReturned: true,
    };
  if (action === 'receive_supplement_at_counter') {
    const request = d.timeline.filter((e) => e.type === 'request_supplement').at(-1);
    const items = request?.payload.items;
    return { items: Array.isArray(items) ? items.join('\n') : '' };
  }
  return {};
}

const required = (message: string) => [{ required: true, whitespace: true, message }];

function ActionFields({ action, dossier }: { action: string; dossier: DossierView }) {
  const { t } = useI18n();
  const method = Form.useWatch('method');
  const isProxy = Form.useWatch(['collector', 'isProxy']);
  const need = t('action.required');
  const note = (
    <Form.Item name="note" label={t('action.note')}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
  const fields: Record<string, ReactNode> = {
    assign: <OfficerField dossier={dossier} />,
    record_step: (
      <>
        <Form.Item name="step" label={t('action.step')} rules={required(need)}>
          <Input maxLength={300} autoFocus />
        </Form.Item>
        <Form.Item name="budgetHours" label={t('action.budgetHours')}>
          <InputNumber min={0} max={2000} />
        </Form.Item>
        {note}
      </>
    ),
    request_supplement: (
      <>
        <Form.Item
          name="items"
          label={t('action.items')}
          extra={t('action.onePerLine')}
          rules={required(need)}
        >
          <Input.TextArea rows={4} autoFocus />
        </Form.Item>
        <Form.Item name="reason" label={t('action.reason')} rules={required(need)}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('action.supplementDueDate')}>
          <FormDatePicker format="DD/MM/YYYY" />
        </Form.Item>
      </>
    ),
    receive_supplement_at_counter: (
      <>
        <Form.Item
          name="items"
          label={t('action.itemsHandedIn')}
          extra={t('action.onePerLine')}
          rules={required(need)}
        >
          <Input.TextArea rows={4} autoFocus />
        </Form.Item>
        {note}
      </>
    ),
    forward: (
      <>
        <Form.Item name="toAgencyId" label={t('action.toAgency')} rules={[{ required: true, message: need }]}>
          <RemoteSelect endpoint="/agencies" />
        </Form.Item>
        <Form.Item name="budgetDays" label={t('action.budgetDays')}>
          <InputNumber min={0} max={365} />
        </Form.Item>
        {note}
      </>
    ),
    refuse: (
      <Form.Item
        name="reasons"
        label={t('action.reasons')}
        extra={t('action.onePerLine')}
        rules={required(need)}
      >
        <Input.TextArea rows={4} autoFocus />
      </Form.Item>
    ),
    record_result: (
      <>
        <Form.Item name="number" label={t('action.resultNumber')} rules={required(need)}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="date" label={t('action.resultDate')} rules={[{ required: true, message: need }]}>
          <FormDatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="signer" label={t('action.signer')} rules={required(need)}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="summary" label={t('action.summary')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </>
    ),
    apologise: (
      <>
        <Form.Item name="reason" label={t('action.reason')} rules={required(need)}>
          <Input.TextArea rows={3} maxLength={2000} autoFocus />
        </Form.Item>
        <Form.Item
          name="newAppointmentAt"
          label={t('action.newAppointment')}
          rules={[{ required: true, message: need }]}
        >
          <FormDatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" />
        </Form.Item>
      </>
    ),
    return_result: (
      <>
        <Form.Item name="method" label={t('intake.returnMethod')}>
          <Radio.Group>
            <Radio value="counter">{t('intake.return.counter')}</Radio>
            <Radio value="postal" disabled={dossier.returnMethod !== 'postal'}>
              {t('intake.return.postal')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {method === 'postal' ? (
          <>
            <Form.Item
              name={['delivery', 'recipientName']}
              label={t('action.recipient')}
              rules={required(need)}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name={['delivery', 'postalItemNumber']} label={t('action.postalItem')}>
              <Input maxLength={30} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name={['collector', 'name']} label={t('action.collectorName')} rules={required(need)}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item
              name={['collector', 'idNumber']}
              label={t('action.collectorId')}
              extra={t('action.collectorIdHelp')}
              rules={required(need)}
            >
              <Input inputMode="numeric" maxLength={20} autoFocus />
            </Form.Item>
            <Form.Item name={['collector', 'isProxy']} valuePropName="checked">
              <Checkbox>{t('action.isProxy')}</Checkbox>
            </Form.Item>
            {isProxy ? (
              <Form.Item
                name={['collector', 'authorisation']}
                label={t('action.authorisation')}
                rules={required(need)}
              >
                <Input maxLength={500} />
              </Form.Item>
            ) : null}
            <Form.Item name="originalsReturned" valuePropName="checked">
              <Checkbox>{t('action.originalsReturned')}</Checkbox>
            </Form.Item>
          </>
        )}
        <Space align="start" wrap>
          <Form.Item name={['outstandingFee', 'amount']} label={t('action.outstandingFee')}>
            <InputNumber<number> min={0} step={1000} precision={0} style={{ width: 180 }} suffix="₫" />
          </Form.Item>
          <Form.Item name={['outstandingFee', 'method']} label={t('intake.feeMethod')}>
            <Select
              style={{ width: 160 }}
              options={(['cash', 'transfer', 'card'] as const).map((m) => ({
                value: m,
                label: t(`intake.feeMethod.${m}`),
              }))}
            />
          </Form.Item>
        </Space>
      </>
    ),
    return_for_rework: (
      <Form.Item name="reason" label={t('action.reworkReason')} rules={required(need)}>
        <Input.TextArea rows={3} maxLength={2000} autoFocus />
      </Form.Item>
    ),
    withdraw: (
      <Form.Item name="reason" label={t('action.withdrawReason')} rules={required(need)}>
        <Input.TextArea rows={3} maxLength={2000} autoFocus />
      </Form.Item>
    ),
  };
  return <>{fields[action] ?? note}</>;
}

/** The officer to assign, from the agency's officers and leaders (`/agencies/:id/officers`). */
function OfficerField({ dossier }: { dossier: DossierView }) {
  const { t } = useI18n();
  const officers = useQuery({
    queryKey: ['officers', dossier.currentAgency.id],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; username: string; fullName: string; role: string }[] }>(
        `/agencies/${dossier.currentAgency.id}/officers`,
        undefined,
        signal,
      ),
  });
  return (
    <>
      <Form.Item
        name="officerId"
        label={t('action.officer')}
        rules={[{ required: true, whitespace: true, message: t('action.required') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          autoFocus
          loading={officers.isPending}
          options={(officers.data?.items ?? []).map((o) => ({
            value: o.id,
            label: `${o.fullName} (${o.username})`,
          }))}
        />
      </Form.Item>
      <Typography.Paragraph type="secondary">
        {t('action.assignAgency', { agency: dossier.currentAgency.name })}
      </Typography.Paragraph>
    </>
  );
}
