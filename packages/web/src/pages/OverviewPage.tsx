import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Row, Space, Statistic, Table, type TableColumnsType, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api.ts';
import { PageTitle } from '../components.tsx';
import { formatDateTime } from '../format.ts';
import { type MessageKey, useI18n } from '../i18n.ts';
import { STATUSES, workingTimeText } from './dossiers/shared.tsx';
import { LoadError } from './Forbidden.tsx';

interface Figures {
  siteId: string | null;
  siteName: string;
  total: number;
  byStatus: Record<string, number>;
  overdue: number;
  results: { early: number; onTime: number; late: number };
  /** Server-computed: open overdue dossiers count as late. */
  onTimeRate: number | null;
  returned: number;
}

interface Overview {
  at: string;
  sites: Figures[];
  totals: Figures;
  mostOverdue: {
    id: string;
    code: string;
    procedureName: string;
    siteName: string;
    agencyName: string;
    dueAt: string;
    overdueWorkingHours: number;
  }[];
}

/** Bảng điều hành: per receiving site, dossiers by status, overdue, early/on-time/late; the most overdue. */
export default function OverviewPage() {
  const { t } = useI18n();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const filters = { from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
  const overview = useQuery({
    queryKey: ['overview', filters],
    queryFn: ({ signal }) => api.get<Overview>('/reports/overview', filters, signal),
  });
  if (overview.isError) return <LoadError error={overview.error} onRetry={() => overview.refetch()} />;
  const data = overview.data;
  const totals = data?.totals;

  const columns: TableColumnsType<Figures> = [
    { title: t('overview.site'), dataIndex: 'siteName', width: 220 },
    { title: t('overview.total'), dataIndex: 'total', align: 'right' },
    ...STATUSES.map((s) => ({
      title: t(`dossier.status.${s}` as MessageKey),
      key: s,
      align: 'right' as const,
      render: (_: unknown, row: Figures) => row.byStatus[s] ?? 0,
    })),
    {
      title: t('dossier.flag.overdue'),
      dataIndex: 'overdue',
      align: 'right',
      render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0),
    },
    {
      title: t('overview.timing'),
      key: 'timing',
      className: 'nowrap',
      render: (_, row) => (
        <Space size={4}>
          <Tag color="green" title={t('overview.early')}>
            {row.results.early}
          </Tag>
          <Tag color="blue" title={t('overview.onTime')}>
            {row.results.onTime}
          </Tag>
          <Tag color={row.results.late ? 'red' : 'default'} title={t('overview.late')}>
            {row.results.late}
          </Tag>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Space>
            <label htmlFor="overview-range">{t('book.range')}</label>
            <DatePicker.RangePicker
              id={{ start: 'overview-range' }}
              format="DD/MM/YYYY"
              value={range}
              onChange={setRange}
            />
          </Space>
        }
      >
        {t('nav.overview')}
      </PageTitle>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('overview.total')} value={totals?.total ?? 0} loading={overview.isPending} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('dossier.flag.overdue')}
              value={totals?.overdue ?? 0}
              loading={overview.isPending}
              styles={{ content: { color: totals?.overdue ? '#a8071a' : undefined } }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('overview.onTimeRate')}
              value={totals?.onTimeRate == null ? '—' : `${Math.round(totals.onTimeRate * 100)} %`}
              loading={overview.isPending}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('dossier.status.returned')}
              value={totals?.returned ?? 0}
              loading={overview.isPending}
            />
          </Card>
        </Col>
      </Row>
      <Table<Figures>
        rowKey={(r) => r.siteId ?? 'total'}
        size="small"
        columns={columns}
        dataSource={data?.sites}
        loading={overview.isFetching}
        pagination={false}
        locale={{ emptyText: t('overview.empty') }}
        summary={() =>
          totals ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t('overview.totals')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <strong>{totals.total}</strong>
              </Table.Summary.Cell>
              {STATUSES.map((s, i) => (
                <Table.Summary.Cell key={s} index={2 + i} align="right">
                  {totals.byStatus[s] ?? 0}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={8} align="right">
                {totals.overdue}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={9}>
                {totals.results.early} / {totals.results.onTime} / {totals.results.late}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
      <Card size="small" title={t('overview.mostOverdue')} style={{ marginTop: 16 }}>
        <Table
          rowKey="id"
          size="small"
          dataSource={data?.mostOverdue}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('overview.noOverdue') }}
          columns={[
            {
              title: t('dossier.code'),
              dataIndex: 'code',
              className: 'nowrap',
              render: (code: string, row: Overview['mostOverdue'][number]) => (
                <Link to={`/ho-so/${row.id}`}>{code}</Link>
              ),
            },
            { title: t('dossier.procedure'), dataIndex: 'procedureName' },
            { title: t('overview.site'), dataIndex: 'siteName' },
            { title: t('dossier.leadAgency'), dataIndex: 'agencyName' },
            {
              title: t('inbox.due'),
              dataIndex: 'dueAt',
              className: 'nowrap',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('overview.overdueHours'),
              dataIndex: 'overdueWorkingHours',
              align: 'right',
              render: (h: number) => <Tag color="red">{workingTimeText(t, h * 3_600_000)}</Tag>,
            },
          ]}
        />
      </Card>
    </>
  );
}
