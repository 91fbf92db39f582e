import { useQuery } from '@tanstack/react-query';
import { Alert, DatePicker, Space, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import type { Site } from './sites.ts';
import { vnToday } from './types.ts';

interface ReportRow {
  courierId: string | null;
  courierName: string | null;
  delivered: number;
  onTime: number;
  late: number;
  failedAttempts: number;
  returned: number;
  open: number;
}

/** Báo cáo phát: per courier, delivered on time and late against J+n, failed attempts, returned, open. */
export function ReportTab({ site }: { site: Site }) {
  const { t } = useI18n();
  const [from, setFrom] = useState<Dayjs>(() => dayjs(vnToday()).startOf('month'));
  const [to, setTo] = useState<Dayjs>(() => dayjs(vnToday()));
  const range = { siteId: site.id, from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') };
  const report = useQuery({
    queryKey: ['postal', 'report', range],
    queryFn: ({ signal }) => api.get<{ rows: ReportRow[] }>('/postal/report', range, signal),
    enabled: !from.isAfter(to),
  });
  const number = (key: keyof ReportRow, label: string) => ({
    title: label,
    dataIndex: key,
    align: 'right' as const,
  });
  const columns: TableColumnsType<ReportRow> = [
    {
      title: t('postal.courier'),
      dataIndex: 'courierName',
      render: (v: string | null) => v ?? t('postal.noCourier'),
    },
    number('delivered', t('postal.delivered')),
    number('onTime', t('postal.onTime')),
    number('late', t('postal.late')),
    number('failedAttempts', t('postal.failedAttempts')),
    number('returned', t('postal.returned')),
    number('open', t('postal.open')),
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap align="end">
        <div>
          <label htmlFor="postal-from" style={{ display: 'block', marginBottom: 4 }}>
            {t('postal.from')}
          </label>
          <DatePicker
            id="postal-from"
            format="DD/MM/YYYY"
            allowClear={false}
            value={from}
            onChange={(v) => v && setFrom(v)}
          />
        </div>
        <div>
          <label htmlFor="postal-to" style={{ display: 'block', marginBottom: 4 }}>
            {t('postal.to')}
          </label>
          <DatePicker
            id="postal-to"
            format="DD/MM/YYYY"
            allowClear={false}
            value={to}
            onChange={(v) => v && setTo(v)}
          />
        </div>
      </Space>
      {report.isError ? <Alert type="error" showIcon role="alert" title={report.error.message} /> : null}
      <Table<ReportRow>
        rowKey={(row) => row.courierId ?? '-'}
        size="middle"
        columns={columns}
        dataSource={report.data?.rows ?? []}
        loading={report.isFetching}
        pagination={false}
        locale={{ emptyText: t('postal.reportEmpty') }}
      />
    </Space>
  );
}
