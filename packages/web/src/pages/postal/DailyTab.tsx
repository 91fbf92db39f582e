import { FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Input,
  Modal,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { useIntentMutation } from '../../intent.ts';
import type { Site } from './sites.ts';
import { CLOSED, type Daily, type ShipmentView, slipUrl, statusColour, vnToday } from './types.ts';

type Closing = 'returned_to_sender' | 'held_for_pickup';

/** The office's dispatch and delivery lists for a day, a lookup by item number, returns and holds. */
export function DailyTab({ site }: { site: Site }) {
  const { t } = useI18n();
  const [date, setDate] = useState<Dayjs>(() => dayjs(vnToday()));
  const [closing, setClosing] = useState<{ shipment: ShipmentView; type: Closing } | null>(null);
  const day = date.format('YYYY-MM-DD');
  const daily = useQuery({
    queryKey: ['postal', 'daily', site.id, day],
    queryFn: ({ signal }) => api.get<Daily>('/postal/daily', { siteId: site.id, date: day }, signal),
  });
  const onClose = (shipment: ShipmentView, type: Closing) => setClosing({ shipment, type });

  return (
    <Space direction="vertical" size={24} style={{ width: '100%' }}>
      <Space wrap align="end" size={24}>
        <div>
          <label htmlFor="postal-day" style={{ display: 'block', marginBottom: 4 }}>
            {t('postal.date')}
          </label>
          <DatePicker
            id="postal-day"
            format="DD/MM/YYYY"
            allowClear={false}
            value={date}
            onChange={(v) => v && setDate(v)}
          />
        </div>
        <Lookup onClose={onClose} />
      </Space>
      {daily.isError ? <Alert type="error" showIcon role="alert" title={daily.error.message} /> : null}
      <section aria-labelledby="postal-dispatched">
        <Typography.Title level={2} id="postal-dispatched" style={{ fontSize: 18 }}>
          {t('postal.dispatched')}
        </Typography.Title>
        <ShipmentTable
          testId="dispatched"
          items={daily.data?.dispatched ?? []}
          loading={daily.isFetching}
          onClose={onClose}
        />
      </section>
      <section aria-labelledby="postal-delivering">
        <Typography.Title level={2} id="postal-delivering" style={{ fontSize: 18 }}>
          {t('postal.delivering')}
        </Typography.Title>
        <ShipmentTable
          testId="delivering"
          items={daily.data?.delivering ?? []}
          loading={daily.isFetching}
          onClose={onClose}
        />
      </section>
      {closing ? (
        <ClosingModal shipment={closing.shipment} type={closing.type} onClose={() => setClosing(null)} />
      ) : null}
    </Space>
  );
}

/** Tra số hiệu: one item by its number; the server names a wrong S10 check digit. */
function Lookup({ onClose }: { onClose: (s: ShipmentView, type: Closing) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const find = useMutation({
    mutationFn: (itemNumber: string) =>
      api.get<ShipmentView>(`/shipments/by-number/${encodeURIComponent(itemNumber)}`),
  });
  const reason =
    find.error instanceof ApiError && find.error.fields.length > 0
      ? find.error.fields.map((f) => f.message).join('; ')
      : find.error?.message;
  return (
    <div style={{ flex: 1, minWidth: 320 }}>
      <label htmlFor="postal-lookup" style={{ display: 'block', marginBottom: 4 }}>
        {t('postal.lookup')}
      </label>
      <Input.Search
        id="postal-lookup"
        style={{ maxWidth: 360 }}
        value={text}
        placeholder={t('postal.lookupPlaceholder')}
        enterButton={t('postal.lookupButton')}
        loading={find.isPending}
        onChange={(e) => setText(e.target.value)}
        onSearch={(value) => {
          const compact = value.replace(/\s+/g, '').toUpperCase();
          if (compact.length >= 6) find.mutate(compact);
        }}
      />
      <div aria-live="polite" style={{ marginTop: 8 }}>
        {find.isError ? <Alert type="error" showIcon role="alert" title={reason} /> : null}
        {find.data ? (
          <ShipmentTable testId="lookup" items={[find.data]} loading={false} onClose={onClose} />
        ) : null}
      </div>
    </div>
  );
}

function ShipmentTable(props: {
  testId: string;
  items: ShipmentView[];
  loading: boolean;
  onClose: (s: ShipmentView, type: Closing) => void;
}) {
  const { t } = useI18n();
  const columns: TableColumnsType<ShipmentView> = [
    {
      title: t('postal.itemNumber'),
      dataIndex: 'itemNumber',
      className: 'nowrap',
      render: (n: string, row) => (
        <a href={slipUrl(row.id)} target="_blank" rel="noopener" title={t('postal.printSlip')}>
          <FilePdfOutlined aria-hidden /> {n}
        </a>
      ),
    },
    { title: t('postal.recipient'), dataIndex: 'recipientName' },
    { title: t('postal.address'), dataIndex: 'address' },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, row) => <Tag color={statusColour(row.status)}>{row.statusLabel}</Tag>,
    },
    { title: t('postal.attempts'), dataIndex: 'attempts', align: 'right' },
    {
      title: t('postal.target'),
      dataIndex: 'targetAt',
      className: 'nowrap',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('postal.courier'),
      dataIndex: 'courierName',
      render: (v: string | null) => v ?? t('postal.noCourier'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, row) =>
        row.attempts >= 2 && !CLOSED.includes(row.status) ? (
          <Space wrap>
            <Button size="small" danger onClick={() => props.onClose(row, 'returned_to_sender')}>
              {t('postal.return')}
            </Button>
            <Button size="small" onClick={() => props.onClose(row, 'held_for_pickup')}>
              {t('postal.hold')}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <div data-testid={`postal-${props.testId}`}>
      <Table<ShipmentView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={props.items}
        loading={props.loading}
        pagination={props.items.length > 50 ? { pageSize: 50 } : false}
        locale={{ emptyText: t('postal.listEmpty') }}
      />
    </div>
  );
}

/** Chuyển hoàn / Lưu bưu cục chờ nhận, with the reason; the server refuses before two failed attempts. */
function ClosingModal({
  shipment,
  type,
  onClose,
}: {
  shipment: ShipmentView;
  type: Closing;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  // One key per opening of the dialog: a double click records the event once.
  const record = useIntentMutation({
    mutationFn: (_: undefined, intent) =>
      api.post<ShipmentView>(
        `/shipments/${shipment.id}/events`,
        { clientTxId: intent.txId('close'), type, payload: { reason: reason.trim() } },
        { idempotencyKey: intent.key },
      ),
    onSuccess: () => {
      message.success(t('postal.recorded', { number: shipment.itemNumber }));
      queryClient.invalidateQueries({ queryKey: ['postal'] });
      onClose();
    },
  });
  const title =
    type === 'returned_to_sender'
      ? t('postal.returnTitle', { number: shipment.itemNumber })
      : t('postal.holdTitle', { number: shipment.itemNumber });
  return (
    <Modal
      open
      title={title}
      okText={type === 'returned_to_sender' ? t('postal.return') : t('postal.hold')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        danger: type === 'returned_to_sender',
        disabled: !reason.trim() || record.isPending,
        loading: record.isPending,
      }}
      onOk={() => record.mutate(undefined)}
      onCancel={onClose}
      closable={{ 'aria-label': t('common.close') }}
    >
      <label htmlFor="postal-reason" style={{ display: 'block', marginBottom: 4 }}>
        {t('postal.reason')}
      </label>
      <Input.TextArea
        id="postal-reason"
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        autoFocus
      />
      {record.isError ? (
        <Alert type="error" showIcon role="alert" style={{ marginTop: 8 }} title={record.error.message} />
      ) : null}
    </Modal>
  );
}
