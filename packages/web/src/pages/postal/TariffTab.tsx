import { useQuery } from '@tanstack/react-query';
import { Alert, Table, type TableColumnsType } from 'antd';
import { api } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { type MessageKey, useI18n } from '../../i18n.ts';

interface TariffRow {
  service: string;
  zone: string;
  maxWeightGrams: number;
  price: number;
}

/** Bảng cước: the postal tariffs (integer đồng), read-only; an administrator edits them through the API. */
export function TariffTab() {
  const { t } = useI18n();
  const tariffs = useQuery({
    queryKey: ['postal', 'tariffs'],
    queryFn: ({ signal }) => api.get<{ rows: TariffRow[] }>('/postal/tariffs', undefined, signal),
    staleTime: 10 * 60_000,
  });
  const columns: TableColumnsType<TariffRow> = [
    {
      title: t('postal.service'),
      dataIndex: 'service',
      render: (v: string) => t(`postal.service.${v}` as MessageKey),
    },
    {
      title: t('postal.zone'),
      dataIndex: 'zone',
      render: (v: string) => t(`postal.zone.${v}` as MessageKey),
    },
    {
      title: t('postal.maxWeight'),
      dataIndex: 'maxWeightGrams',
      align: 'right',
      render: (v: number) => v.toLocaleString('vi-VN'),
    },
    { title: t('postal.price'), dataIndex: 'price', align: 'right', render: (v: number) => formatMoney(v) },
  ];
  if (tariffs.isError) return <Alert type="error" showIcon role="alert" title={tariffs.error.message} />;
  return (
    <Table<TariffRow>
      rowKey={(row) => `${row.service}-${row.zone}-${row.maxWeightGrams}`}
      size="middle"
      columns={columns}
      dataSource={tariffs.data?.rows ?? []}
      loading={tariffs.isFetching}
      pagination={false}
    />
  );
}
