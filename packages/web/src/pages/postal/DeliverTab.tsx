import { FilePdfOutlined } from '@ant-design/icons';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  InputNumber,
  Modal,
  Radio,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, api, applyFieldErrors, type Paged } from '../../api.ts';
import { formatDate, formatDateTime, formatMoney } from '../../format.ts';
import { type MessageKey, useI18n } from '../../i18n.ts';
import { useIntentMutation } from '../../intent.ts';
import type { DossierListItem, DossierView } from '../dossiers/shared.tsx';
import type { Site } from './sites.ts';
import { type Daily, type ShipmentView, slipUrl, statusColour, targetDays, vnToday } from './types.ts';

/** How many days back the dispatch lists are read to find the items already accepted. */
const LOOKBACK_DAYS = 7;

interface Row {
  dossier: DossierView;
  shipment: ShipmentView | undefined;
}

interface AcceptForm {
  weightGrams: number;
  payer: 'citizen' | 'agency' | 'free';
  withAppointmentSlip: boolean;
}

/** Results waiting at the office for postal return: accept each as a shipment, print its slip. */
export function DeliverTab({ site }: { site: Site }) {
  const { t } = useI18n();
  const [accepting, setAccepting] = useState<DossierView | null>(null);
  const [created, setCreated] = useState<{ shipment: ShipmentView; withSlip: boolean }[]>([]);
  const list = useQuery({
    queryKey: ['dossiers', 'result_ready', 'postal', site.id],
    queryFn: ({ signal }) =>
      api.get<Paged<DossierListItem>>(
        '/dossiers',
        { status: 'result_ready', returningSiteId: site.id, returnMethod: 'postal', pageSize: 200 },
        signal,
      ),
  });
  const waiting = (list.data?.items ?? []).filter((d) => !d.inTransit);
  const views = useQueries({
    queries: waiting.map((d) => ({
      queryKey: ['dossier', d.id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<DossierView>(`/dossiers/${d.id}`, undefined, signal),
    })),
  });
  // No endpoint lists a dossier's shipments: the office's dispatch lists of the last days and its
  // delivery list say which results already travel.
  const days = Array.from({ length: LOOKBACK_DAYS }, (_, i) => vnToday(-i));
  const dailies = useQueries({
    queries: days.map((date) => ({
      queryKey: ['postal', 'daily', site.id, date],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<Daily>('/postal/daily', { siteId: site.id, date }, signal),
    })),
  });
  const byDossier = new Map<string, ShipmentView>();
  for (const d of dailies)
    for (const s of [...(d.data?.dispatched ?? []), ...(d.data?.delivering ?? [])])
      if (s.kind === 'result_delivery' && s.dossierId && !['returned', 'held'].includes(s.status))
        byDossier.set(s.dossierId, s);
  for (const c of created) if (c.shipment.dossierId) byDossier.set(c.shipment.dossierId, c.shipment);

  const rows: Row[] = views
    .map((v) => v.data)
    .filter(
      (d): d is DossierView =>
        !!d && d.returnMethod === 'postal' && d.location?.kind === 'site' && d.location.id === site.id,
    )
    .map((dossier) => ({ dossier, shipment: byDossier.get(dossier.id) }));
  const loading = list.isPending || views.some((v) => v.isPending);

  const columns: TableColumnsType<Row> = [
    {
      title: t('dossier.code'),
      key: 'code',
      className: 'nowrap',
      render: (_, row) => <Link to={`/ho-so/${row.dossier.id}`}>{row.dossier.code}</Link>,
    },
    { title: t('dossier.procedure'), key: 'procedure', render: (_, row) => row.dossier.procedureName },
    { title: t('postal.recipient'), key: 'recipient', render: (_, row) => row.dossier.applicant.name },
    {
      title: t('postal.address'),
      key: 'address',
      render: (_, row) => row.dossier.deliveryAddress ?? row.dossier.applicant.address,
    },
    {
      title: t('postal.itemNumber'),
      key: 'shipment',
      render: (_, row) =>
        row.shipment ? (
          <Space wrap>
            <strong>{row.shipment.itemNumber}</strong>
            <Tag color={statusColour(row.shipment.status)}>{row.shipment.statusLabel}</Tag>
            <a
              href={slipUrl(row.shipment.id)}
              target="_blank"
              rel="noopener"
              aria-label={t('postal.printSlipOf', { number: row.shipment.itemNumber })}
            >
              <FilePdfOutlined aria-hidden /> {t('postal.printSlip')}
            </a>
          </Space>
        ) : (
          <Button
            type="primary"
            aria-label={t('postal.acceptItem', { code: row.dossier.code })}
            onClick={() => setAccepting(row.dossier)}
          >
            {t('postal.accept')}
          </Button>
        ),
    },
  ];

  if (list.isError) return <Alert type="error" showIcon title={list.error.message} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {created.map((c) => (
        <AcceptedNotice key={c.shipment.id} shipment={c.shipment} withSlip={c.withSlip} />
      ))}
      <Table<Row>
        rowKey={(row) => row.dossier.id}
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        locale={{ emptyText: <Empty description={t('postal.waitingEmpty')} /> }}
      />
      {accepting ? (
        <AcceptModal
          site={site}
          dossier={accepting}
          onClose={() => setAccepting(null)}
          onDone={(shipment, withSlip) => {
            setCreated((all) => [{ shipment, withSlip }, ...all]);
            setAccepting(null);
          }}
        />
      ) : null}
    </Space>
  );
}

/** What the clerk tells the applicant and writes on the item: number, postage, courier, target. */
function AcceptedNotice({ shipment, withSlip }: { shipment: ShipmentView; withSlip: boolean }) {
  const { t } = useI18n();
  return (
    <Alert
      type="success"
      showIcon
      role="status"
      data-testid="accepted-shipment"
      title={t('postal.accepted', { number: shipment.itemNumber })}
      description={
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('postal.itemNumber')}>
            <strong data-testid="item-number">{shipment.itemNumber}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('postal.postage')}>
            <span data-testid="postage">{formatMoney(shipment.postage)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('postal.courier')}>
            {shipment.courierName ?? t('postal.noCourier')}
          </Descriptions.Item>
          <Descriptions.Item label={t('postal.target')}>
            {`J+${targetDays(shipment.zone, withSlip)} (${formatDate(shipment.targetAt)})`} ·{' '}
            {t(`postal.zone.${shipment.zone}` as MessageKey)}
          </Descriptions.Item>
          <Descriptions.Item label={t('dossier.code')}>{shipment.dossierCode}</Descriptions.Item>
          <Descriptions.Item label={t('common.status')}>
            {shipment.statusLabel} · {formatDateTime(shipment.acceptedAt)}
          </Descriptions.Item>
        </Descriptions>
      }
      action={
        <Button
          icon={<FilePdfOutlined aria-hidden />}
          href={slipUrl(shipment.id)}
          target="_blank"
          rel="noopener"
        >
          {t('postal.printSlip')}
        </Button>
      }
    />
  );
}

function AcceptModal(props: {
  site: Site;
  dossier: DossierView;
  onClose: () => void;
  onDone: (shipment: ShipmentView, withSlip: boolean) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AcceptForm>();
  const [other, setOther] = useState<string[]>([]);
  // One key per opening of the dialog: a double click accepts one item, one S10 number.
  const accept = useIntentMutation({
    mutationFn: (values: AcceptForm, intent) =>
      api.post<ShipmentView>(
        '/shipments',
        {
          clientTxId: intent.txId('ship'),
          kind: 'result_delivery',
          originSiteId: props.site.id,
          dossierId: props.dossier.id,
          weightGrams: values.weightGrams,
          payer: values.payer,
          withAppointmentSlip: values.withAppointmentSlip,
        },
        { idempotencyKey: intent.key },
      ),
    onSuccess: (shipment, values) => {
      queryClient.invalidateQueries({ queryKey: ['postal'] });
      props.onDone(shipment, values.withAppointmentSlip);
    },
    onError: (error) => {
      const rest = applyFieldErrors(form, error);
      setOther(rest.map((f) => f.message));
    },
  });
  const title = t('postal.acceptItem', { code: props.dossier.code });
  return (
    <Modal
      open
      title={title}
      okText={t('postal.accept')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: accept.isPending, disabled: accept.isPending }}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      closable={{ 'aria-label': t('common.close') }}
      destroyOnHidden
    >
      <Form<AcceptForm>
        id="postal-accept"
        form={form}
        layout="vertical"
        initialValues={{ weightGrams: 100, payer: 'citizen', withAppointmentSlip: false }}
        onFinish={(values) => {
          setOther([]);
          accept.mutate(values);
        }}
      >
        <Form.Item
          name="weightGrams"
          label={t('postal.weight')}
          rules={[{ required: true, type: 'integer', min: 1, max: 30_000 }]}
        >
          <InputNumber<number> min={1} max={30_000} precision={0} style={{ width: 200 }} autoFocus />
        </Form.Item>
        <Form.Item name="payer" label={t('postal.payer')}>
          <Radio.Group
            options={(['citizen', 'agency', 'free'] as const).map((p) => ({
              value: p,
              label: t(`postal.payer.${p}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="withAppointmentSlip" valuePropName="checked">
          <Checkbox>{t('postal.withSlip')}</Checkbox>
        </Form.Item>
      </Form>
      {accept.isError &&
      (other.length > 0 || !(accept.error instanceof ApiError && accept.error.fields.length)) ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={accept.error.message}
          description={other.length ? other.join('; ') : undefined}
        />
      ) : null}
    </Modal>
  );
}
