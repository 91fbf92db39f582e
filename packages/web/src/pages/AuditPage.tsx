import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { api, type Paged } from '../api.ts';
import { PageTitle, serverPagination } from '../components.tsx';
import { formatDateTime } from '../format.ts';
import { useDebounced, usePaging } from '../hooks.ts';
import { type MessageKey, useI18n } from '../i18n.ts';
import { LoadError } from './Forbidden.tsx';

interface AuditRow {
  seq: number;
  at: string;
  actorUsername: string | null;
  actorRole: string | null;
  siteId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

interface Verification {
  ok: boolean;
  rows: number;
  problems: { seq: number; problem: string }[];
}

/** Nhật ký: the hash-chained audit log, newest first, and a check of the chain. */
export default function AuditPage() {
  const { t } = useI18n();
  const paging = usePaging(20);
  const [actor, setActor] = useState('');
  const actorFilter = useDebounced(actor.trim().toLowerCase(), 300);
  const list = useQuery({
    queryKey: ['audit', actorFilter, paging.page, paging.pageSize],
    queryFn: ({ signal }) =>
      api.get<Paged<AuditRow>>(
        '/audit',
        { actor: actorFilter || undefined, page: paging.page, pageSize: paging.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api.get<Verification>('/audit/verify') });

  if (list.isError && !list.data) return <LoadError error={list.error} onRetry={() => list.refetch()} />;

  const columns: TableColumnsType<AuditRow> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 160, render: formatDateTime },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 200,
      render: (_, r) =>
        r.actorUsername ? (
          <>
            {r.actorUsername}
            {r.actorRole ? (
              <Typography.Text type="secondary"> · {t(`role.${r.actorRole}` as MessageKey)}</Typography.Text>
            ) : null}
          </>
        ) : (
          '—'
        ),
    },
    { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <code>{a}</code> },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, r) => `${r.entityType}${r.entityId ? ` · ${r.entityId}` : ''}`,
    },
    {
      title: t('audit.hash'),
      dataIndex: 'hash',
      width: 120,
      render: (h: string) => <code title={h}>{h.slice(0, 10)}…</code>,
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined aria-hidden />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
          >
            {t('audit.verify')}
          </Button>
        }
      >
        {t('audit.title')}
      </PageTitle>
      <div role="status" aria-live="polite">
        {verify.data ? (
          <Alert
            style={{ marginBottom: 16 }}
            showIcon
            type={verify.data.ok ? 'success' : 'error'}
            title={
              verify.data.ok
                ? t('audit.verifyOk', { rows: verify.data.rows })
                : t('audit.verifyBad', { count: verify.data.problems.length })
            }
            description={
              verify.data.ok ? undefined : (
                <ul style={{ margin: 0 }}>
                  {verify.data.problems.slice(0, 20).map((p) => (
                    <li key={`${p.seq}-${p.problem}`}>
                      #{p.seq}: {p.problem}
                    </li>
                  ))}
                </ul>
              )
            }
          />
        ) : null}
        {verify.isError ? (
          <Alert style={{ marginBottom: 16 }} showIcon type="error" title={verify.error.message} />
        ) : null}
      </div>
      <div style={{ maxWidth: 360, marginBottom: 16 }}>
        <label htmlFor="audit-actor" style={{ display: 'block', marginBottom: 4 }}>
          {t('audit.actorFilter')}
        </label>
        <Input
          id="audit-actor"
          allowClear
          value={actor}
          onChange={(e) => {
            setActor(e.target.value);
            paging.reset();
          }}
        />
      </div>
      <Table<AuditRow>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={serverPagination(paging, list.data?.total, t)}
        scroll={{ x: 900 }}
      />
    </>
  );
}
