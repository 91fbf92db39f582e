import { FileExcelOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Checkbox, DatePicker, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, type Paged, withQuery } from '../../api.ts';
import { PageTitle, serverPagination } from '../../components.tsx';
import { formatDateTime } from '../../format.ts';
import { useDebounced } from '../../hooks.ts';
import { type MessageKey, useI18n } from '../../i18n.ts';
import { LoadError } from '../Forbidden.tsx';
import { type DossierListItem, identityColumns, isRunning, STATUSES, StatusTags } from './shared.tsx';

/**
 * The book's rows carry no clock flags (the inbox computes them in working time); an open dossier
 * past its deadline is marked overdue here from the dates alone.
 */
function withOverdue(d: DossierListItem): DossierListItem {
  if (d.flags || !isRunning(d.status)) return d;
  const due = Date.parse(d.agencyDueAt ?? d.appointmentAt);
  return { ...d, flags: { overdue: due < Date.now(), nearingDue: false, leftMillis: 0, overdueMillis: 0 } };
}

/** Sổ theo dõi hồ sơ: the dossiers of the user's sites and agencies, filtered and paged. */
export default function BookPage() {
  const { t } = useI18n();
  // The filters and the page live in the URL query (`?q=…&status=…&page=2`): back from a dossier,
  // a reload or a shared link shows the same list.
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const [search, setSearch] = useState(() => params.get('q') ?? '');
  const q = useDebounced(search.trim(), 300);
  const urlQ = params.get('q') ?? '';
  useEffect(() => {
    if (q !== urlQ) update({ q: q || null, page: null });
  }, [q, urlQ, update]);
  const status = params.get('status') ?? undefined;
  const fromDay = params.get('from');
  const toDay = params.get('to');
  const range: [Dayjs | null, Dayjs | null] | null =
    fromDay || toDay ? [fromDay ? dayjs(fromDay) : null, toDay ? dayjs(toDay) : null] : null;
  const overdue = params.get('overdue') === '1';
  const pageSize = Number(params.get('size')) || 20;
  const paging = {
    page: Number(params.get('page')) || 1,
    pageSize,
    reset: () => update({ page: null }),
    onChange: (nextPage: number, nextSize: number) =>
      update({
        page: nextSize === pageSize && nextPage > 1 ? String(nextPage) : null,
        size: nextSize === 20 ? null : String(nextSize),
      }),
  };
  const filters = {
    q: q || undefined,
    status,
    from: fromDay ?? undefined,
    to: toDay ?? undefined,
    overdue: overdue || undefined,
  };
  const list = useQuery({
    queryKey: ['dossiers', filters, paging.page, paging.pageSize],
    queryFn: ({ signal }) =>
      api.get<Paged<DossierListItem>>(
        '/dossiers',
        { ...filters, page: paging.page, pageSize: paging.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  if (list.isError && !list.data) return <LoadError error={list.error} onRetry={() => list.refetch()} />;

  const columns: TableColumnsType<DossierListItem> = [
    ...identityColumns(t),
    {
      title: t('dossier.receivedAt'),
      dataIndex: 'receivedAt',
      className: 'nowrap',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('dossier.appointment'),
      dataIndex: 'appointmentAt',
      className: 'nowrap',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 220,
      render: (_, row) => <StatusTags item={row} t={t} />,
    },
  ];

  const exportHref = withQuery('/api/v1/dossiers/export.xlsx', filters);

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<FileExcelOutlined aria-hidden />} href={exportHref}>
            {t('book.export')}
          </Button>
        }
      >
        {t('book.title')}
      </PageTitle>
      <Space wrap align="end" style={{ marginBottom: 16 }}>
        <div>
          <label htmlFor="book-search" style={{ display: 'block', marginBottom: 4 }}>
            {t('book.search')}
          </label>
          <Input.Search
            id="book-search"
            type="search"
            allowClear
            style={{ width: 320 }}
            value={search}
            placeholder={t('book.searchPlaceholder')}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <div>
          <label htmlFor="book-status" style={{ display: 'block', marginBottom: 4 }}>
            {t('common.status')}
          </label>
          <Select
            id="book-status"
            allowClear
            style={{ width: 200 }}
            placeholder={t('common.all')}
            value={status}
            onChange={(v) => update({ status: v ?? null, page: null })}
            options={STATUSES.map((s) => ({ value: s, label: t(`dossier.status.${s}` as MessageKey) }))}
          />
        </div>
        <div>
          <label htmlFor="book-range" style={{ display: 'block', marginBottom: 4 }}>
            {t('book.range')}
          </label>
          <DatePicker.RangePicker
            id={{ start: 'book-range' }}
            format="DD/MM/YYYY"
            value={range}
            onChange={(v) =>
              update({
                from: v?.[0]?.format('YYYY-MM-DD') ?? null,
                to: v?.[1]?.format('YYYY-MM-DD') ?? null,
                page: null,
              })
            }
          />
        </div>
        <Checkbox
          checked={overdue}
          onChange={(e) => update({ overdue: e.target.checked ? '1' : null, page: null })}
        >
          {t('book.overdueOnly')}
        </Checkbox>
      </Space>
      <Table<DossierListItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items.map(withOverdue)}
        loading={list.isFetching}
        pagination={serverPagination(paging, list.data?.total, t)}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('book.empty') }}
      />
    </>
  );
}
