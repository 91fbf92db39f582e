import { useQuery } from '@tanstack/react-query';
import { Alert, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageTitle } from '../../components.tsx';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { LoadError } from '../Forbidden.tsx';
import {
  type DossierListItem,
  identityColumns,
  isRunning,
  placesOf,
  StatusTags,
  workingTimeText,
} from './shared.tsx';

/** Hồ sơ cần xử lý: the agency's inbox, soonest due first, nearing-due and overdue marked. */
export default function InboxPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const agencies = placesOf(user).agencies;
  const [agencyId, setAgencyId] = useState(agencies[0]?.id);
  const inbox = useQuery({
    queryKey: ['inbox', agencyId],
    queryFn: ({ signal }) => api.get<{ items: DossierListItem[] }>('/inbox', { agencyId }, signal),
    enabled: Boolean(agencyId),
  });
  if (!agencyId) {
    return (
      <>
        <PageTitle>{t('inbox.title')}</PageTitle>
        <Alert type="warning" showIcon title={t('inbox.noAgency')} />
      </>
    );
  }
  if (inbox.isError) return <LoadError error={inbox.error} onRetry={() => inbox.refetch()} />;

  const columns: TableColumnsType<DossierListItem> = [
    ...identityColumns(t),
    {
      title: t('inbox.due'),
      key: 'due',
      className: 'nowrap',
      render: (_, row) => formatDateTime(row.agencyDueAt ?? row.appointmentAt),
    },
    {
      title: t('dossier.timeLeft'),
      key: 'left',
      className: 'nowrap',
      render: (_, row) => {
        const f = row.flags;
        if (!f || !isRunning(row.status)) return '—';
        if (f.overdue)
          return (
            <Tag color="red">{t('dossier.overdueBy', { time: workingTimeText(t, f.overdueMillis) })}</Tag>
          );
        if (f.nearingDue) return <Tag color="orange">{workingTimeText(t, f.leftMillis)}</Tag>;
        return workingTimeText(t, f.leftMillis);
      },
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 220,
      render: (_, row) => <StatusTags item={row} t={t} />,
    },
  ];

  const items = inbox.data?.items ?? [];
  const overdue = items.filter((i) => i.flags?.overdue).length;
  const nearing = items.filter((i) => i.flags?.nearingDue && !i.flags.overdue).length;

  return (
    <>
      <PageTitle
        extra={
          agencies.length > 1 ? (
            <Select
              aria-label={t('inbox.agency')}
              style={{ minWidth: 280 }}
              value={agencyId}
              onChange={setAgencyId}
              options={agencies.map((a) => ({ value: a.id, label: a.name }))}
            />
          ) : (
            <Typography.Text type="secondary">{agencies[0]?.name}</Typography.Text>
          )
        }
      >
        {t('inbox.title')}
      </PageTitle>
      <Space style={{ marginBottom: 12 }} wrap>
        <Tag>{t('inbox.count', { n: items.length })}</Tag>
        {overdue ? <Tag color="red">{t('inbox.overdue', { n: overdue })}</Tag> : null}
        {nearing ? <Tag color="orange">{t('inbox.nearing', { n: nearing })}</Tag> : null}
      </Space>
      <Table<DossierListItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={inbox.isFetching}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('inbox.empty') }}
      />
    </>
  );
}
