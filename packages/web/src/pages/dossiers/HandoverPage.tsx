import { FilePdfOutlined } from '@ant-design/icons';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Input,
  Modal,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, type Paged } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageTitle } from '../../components.tsx';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n.ts';
import { useIntentMutation } from '../../intent.ts';
import {
  type Batch,
  type BatchItem,
  compact,
  type DossierListItem,
  type DossierView,
  identityColumns,
  placesOf,
  type Ref,
} from './shared.tsx';

interface ServicePoint {
  id: string;
  name: string;
  agencyId: string | null;
  agencyName: string | null;
}

/** The agencies whose incoming batches the user confirms: their own, and their sites' agencies. */
function useReceivingAgencies(): { agencies: Ref[]; pending: boolean } {
  const { user } = useAuth();
  const places = placesOf(user);
  const sites = useQueries({
    queries: places.clerkSites.map((s) => ({
      queryKey: ['service-point', s.id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<ServicePoint>(`/service-points/${s.id}`, undefined, signal),
      staleTime: 10 * 60_000,
    })),
  });
  const agencies = new Map<string, Ref>();
  for (const a of places.agencies) agencies.set(a.id, a);
  for (const s of sites) {
    const sp = s.data;
    if (sp?.agencyId) agencies.set(sp.agencyId, { id: sp.agencyId, code: '', name: sp.agencyName ?? '' });
  }
  return { agencies: [...agencies.values()], pending: sites.some((s) => s.isPending) };
}

/** Bàn giao: send dossiers to agencies, confirm what arrives, send results back and confirm them. */
export default function HandoverPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const places = placesOf(user);
  const [params, setParams] = useSearchParams();
  const { agencies } = useReceivingAgencies();
  const tabs = [
    ...(places.clerkSites.length
      ? [{ key: 'send', label: t('handover.tab.send'), children: <SendTab sites={places.clerkSites} /> }]
      : []),
    {
      key: 'receive',
      label: t('handover.tab.receive'),
      children: <ReceiveTab agencies={agencies} />,
    },
    {
      key: 'results',
      label: t('handover.tab.results'),
      children: <ResultsTab sites={places.clerkSites} agencies={places.agencies} />,
    },
  ];
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? params.get('tab')! : tabs[0]!.key;
  return (
    <>
      <PageTitle>{t('handover.title')}</PageTitle>
      <Tabs activeKey={active} onChange={(key) => setParams({ tab: key }, { replace: true })} items={tabs} />
    </>
  );
}

/** Received dossiers at the clerk's site, not yet sent, by lead agency; a batch per agency. */
function SendTab({ sites }: { sites: Ref[] }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={24} style={{ width: '100%' }}>
      {sites.map((site) => (
        <SiteOutgoing key={site.id} site={site} showName={sites.length > 1} />
      ))}
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('handover.sentBatches')}
      </Typography.Title>
      {sites.map((site) => (
        <BatchList key={site.id} query={{ siteId: site.id }} direction="to_agency" confirm={false} />
      ))}
    </Space>
  );
}

function SiteOutgoing({ site, showName }: { site: Ref; showName: boolean }) {
  const { t } = useI18n();
  const [created, setCreated] = useState<Batch[]>([]);
  const onCreated = (b: Batch) => setCreated((all) => [b, ...all]);
  const list = useQuery({
    queryKey: ['dossiers', 'outgoing', site.id],
    queryFn: ({ signal }) =>
      api.get<Paged<DossierListItem>>('/dossiers', { toHandOverAt: site.id, pageSize: 200 }, signal),
  });
  const waiting = (list.data?.items ?? []).filter((d) => !d.inTransit);
  const groups = useMemo(() => {
    const byAgency = new Map<string, { agency: Ref; items: DossierListItem[] }>();
    for (const d of waiting) {
      const g = byAgency.get(d.currentAgencyId) ?? {
        agency: { id: d.currentAgencyId, code: '', name: d.currentAgencyName ?? d.currentAgencyId },
        items: [],
      };
      g.items.push(d);
      byAgency.set(d.currentAgencyId, g);
    }
    return [...byAgency.values()];
  }, [waiting]);
  if (list.isError) return <Alert type="error" showIcon title={list.error.message} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {showName ? <Typography.Text strong>{site.name}</Typography.Text> : null}
      <CreatedBatches batches={created} />
      {!list.isPending && groups.length === 0 ? <Empty description={t('handover.nothingToSend')} /> : null}
      {groups.map((g) => (
        <OutgoingGroup
          key={g.agency.id}
          direction="to_agency"
          siteId={site.id}
          agency={g.agency}
          title={t('handover.toAgency', { agency: g.agency.name })}
          items={g.items}
          onCreated={onCreated}
        />
      ))}
    </Space>
  );
}

/** A group of dossiers going the same way: tick, name the courier, create the batch, print it. */
function OutgoingGroup(props: {
  direction: 'to_agency' | 'to_site';
  siteId: string;
  agency: Ref;
  title: string;
  items: DossierListItem[];
  onCreated: (batch: Batch) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>(() => props.items.map((i) => i.id));
  const [courier, setCourier] = useState('');
  // One key per batch: kept for a double click or a retry, renewed once the batch exists (what is
  // left in the group is the next batch).
  const create = useIntentMutation({
    mutationFn: (_: undefined, intent) =>
      api.post<Batch>(
        '/handover-batches',
        compact({
          clientTxId: intent.txId('batch'),
          direction: props.direction,
          siteId: props.siteId,
          agencyId: props.agency.id,
          dossierIds: selected,
          courierName: courier.trim() || null,
        }),
        { idempotencyKey: intent.key },
      ),
    onSuccess: (batch) => {
      create.renew();
      setSelected((ids) => ids.filter((id) => !batch.items.some((i) => i.dossierId === id)));
      props.onCreated(batch);
      queryClient.invalidateQueries({ queryKey: ['dossiers'] });
      queryClient.invalidateQueries({ queryKey: ['inbox'] });
      queryClient.invalidateQueries({ queryKey: ['batches'] });
    },
  });
  const columns: TableColumnsType<DossierListItem> = [
    ...identityColumns(t),
    props.direction === 'to_agency'
      ? {
          title: t('dossier.handoverDue'),
          dataIndex: 'handoverDueAt',
          className: 'nowrap',
          // Past the handover deadline the server computed: flagged in red.
          render: (v: string | null) =>
            v && new Date(v).getTime() < Date.now() ? (
              <Space size={4} data-testid="handover-overdue">
                <span>{formatDateTime(v)}</span>
                <Tag color="red">{t('handover.overdue')}</Tag>
              </Space>
            ) : (
              formatDateTime(v)
            ),
        }
      : {
          title: t('dossier.appointment'),
          dataIndex: 'appointmentAt',
          className: 'nowrap',
          render: (v: string) => formatDateTime(v),
        },
  ];
  const inputId = `courier-${props.direction}-${props.agency.id}-${props.siteId}`;
  return (
    <Card size="small" title={props.title}>
      <Table<DossierListItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={props.items}
        pagination={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (row) => ({ 'aria-label': row.code }),
        }}
      />
      <Space wrap align="end" style={{ marginTop: 12 }}>
        <div>
          <label htmlFor={inputId} style={{ display: 'block', marginBottom: 4 }}>
            {t('handover.courier')}
          </label>
          <Input id={inputId} value={courier} onChange={(e) => setCourier(e.target.value)} maxLength={200} />
        </div>
        <Button
          type="primary"
          disabled={selected.length === 0 || create.isPending}
          loading={create.isPending}
          onClick={() => create.mutate(undefined)}
        >
          {t('handover.create', { n: selected.length })}
        </Button>
      </Space>
      {create.isError ? (
        <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} title={create.error.message} />
      ) : null}
    </Card>
  );
}

/** The batches just created, with their manifests (the dossiers leave the list they were in). */
function CreatedBatches({ batches }: { batches: Batch[] }) {
  const { t } = useI18n();
  return (
    <>
      {batches.map((b) => (
        <Alert
          key={b.id}
          type="success"
          showIcon
          role="status"
          title={t('handover.created', { code: b.code })}
          description={t('handover.batchLine', {
            from: b.direction === 'to_agency' ? b.siteName : b.agencyName,
            to: b.direction === 'to_agency' ? b.agencyName : b.siteName,
            at: formatDateTime(b.createdAt),
            by: b.createdByName ?? '—',
          })}
          action={
            <Button
              icon={<FilePdfOutlined aria-hidden />}
              href={`/api/v1/handover-batches/${b.id}/manifest.pdf`}
              target="_blank"
              rel="noopener"
            >
              {t('handover.printManifest')}
            </Button>
          }
        />
      ))}
    </>
  );
}

/** Batches addressed to the user's agencies, with per-dossier confirmation. */
function ReceiveTab({ agencies }: { agencies: Ref[] }) {
  const { t } = useI18n();
  if (agencies.length === 0) return <Empty description={t('handover.noAgency')} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {agencies.map((a) => (
        <BatchList key={a.id} query={{ agencyId: a.id }} direction="to_agency" confirm />
      ))}
    </Space>
  );
}

/** Agency staff send results back; sites confirm the results that arrive. */
function ResultsTab({ sites, agencies }: { sites: Ref[]; agencies: Ref[] }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" size={24} style={{ width: '100%' }}>
      {agencies.map((a) => (
        <AgencyResults key={a.id} agency={a} />
      ))}
      {sites.map((s) => (
        <div key={s.id}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('handover.incomingResults', { site: s.name })}
          </Typography.Title>
          <BatchList query={{ siteId: s.id }} direction="to_site" confirm />
        </div>
      ))}
      {agencies.map((a) => (
        <div key={`sent-${a.id}`}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('handover.sentResults')}
          </Typography.Title>
          <BatchList query={{ agencyId: a.id }} direction="to_site" confirm={false} />
        </div>
      ))}
      {sites.length === 0 && agencies.length === 0 ? <Empty /> : null}
    </Space>
  );
}

/** Results ready at the agency, grouped by the site that returns them. */
function AgencyResults({ agency }: { agency: Ref }) {
  const { t } = useI18n();
  const [created, setCreated] = useState<Batch[]>([]);
  const onCreated = (b: Batch) => setCreated((all) => [b, ...all]);
  const inbox = useQuery({
    queryKey: ['inbox', agency.id],
    queryFn: ({ signal }) => api.get<{ items: DossierListItem[] }>('/inbox', { agencyId: agency.id }, signal),
  });
  const ready = (inbox.data?.items ?? []).filter((d) => d.status === 'result_ready' && !d.inTransit);
  // The list does not say where each result goes back to: the dossier does.
  const views = useQueries({
    queries: ready.map((d) => ({
      queryKey: ['dossier', d.id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<DossierView>(`/dossiers/${d.id}`, undefined, signal),
    })),
  });
  const groups = new Map<string, { site: Ref; items: DossierListItem[] }>();
  ready.forEach((d, i) => {
    const site = views[i]?.data?.returningSite;
    if (!site) return;
    const g = groups.get(site.id) ?? { site, items: [] };
    g.items.push(d);
    groups.set(site.id, g);
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('handover.resultsReady', { agency: agency.name })}
      </Typography.Title>
      <CreatedBatches batches={created} />
      {!inbox.isPending && ready.length === 0 ? <Empty description={t('handover.noResults')} /> : null}
      {[...groups.values()].map((g) => (
        <OutgoingGroup
          key={g.site.id}
          direction="to_site"
          siteId={g.site.id}
          agency={agency}
          title={t('handover.toSite', { site: g.site.name })}
          items={g.items}
          onCreated={onCreated}
        />
      ))}
    </Space>
  );
}

/** Batches of a site or an agency in one direction; incoming ones with confirm buttons. */
function BatchList({
  query,
  direction,
  confirm,
}: {
  query: { siteId?: string; agencyId?: string };
  direction: 'to_agency' | 'to_site';
  confirm: boolean;
}) {
  const { t } = useI18n();
  const batches = useQuery({
    queryKey: ['batches', query],
    queryFn: ({ signal }) => api.get<{ items: Batch[] }>('/handover-batches', query, signal),
  });
  if (batches.isError) return <Alert type="error" showIcon title={batches.error.message} />;
  const items = (batches.data?.items ?? []).filter(
    (b) => b.direction === direction && (!confirm || b.status === 'sent'),
  );
  if (!batches.isPending && items.length === 0)
    return <Empty description={confirm ? t('handover.nothingIncoming') : t('handover.noBatches')} />;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {items.slice(0, confirm ? 50 : 10).map((b) => (
        <BatchCard key={b.id} batch={b} confirm={confirm} />
      ))}
    </Space>
  );
}

function BatchCard({ batch, confirm }: { batch: Batch; confirm: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [flagging, setFlagging] = useState<BatchItem | null>(null);
  const [note, setNote] = useState('');
  // One intent per card; each dossier's confirmation is its own key within it (`<key>.<dossier>`).
  const act = useIntentMutation({
    mutationFn: (v: { dossierId: string; discrepancy: string | null }, intent) =>
      api.post<Batch>(
        `/handover-batches/${batch.id}/items/${v.dossierId}/confirm`,
        { clientTxId: intent.txId(`confirm:${v.dossierId}`), discrepancy: v.discrepancy },
        { idempotencyKey: `${intent.key}.${v.dossierId}` },
      ),
    onSuccess: () => {
      message.success(t('handover.confirmed'));
      setFlagging(null);
      setNote('');
      queryClient.invalidateQueries({ queryKey: ['batches'] });
      queryClient.invalidateQueries({ queryKey: ['dossiers'] });
      queryClient.invalidateQueries({ queryKey: ['inbox'] });
      queryClient.invalidateQueries({ queryKey: ['dossier'] });
    },
  });
  const columns: TableColumnsType<BatchItem> = [
    ...identityColumns<BatchItem>(t),
    { title: t('handover.documentCount'), dataIndex: 'documentCount', align: 'right' },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, row) =>
        row.status === 'pending' ? (
          <Tag color="purple">{t('handover.item.pending')}</Tag>
        ) : row.status === 'discrepancy' ? (
          <Tag color="red">
            {t('handover.item.discrepancy')}
            {row.note ? `: ${row.note}` : ''}
          </Tag>
        ) : (
          <Tag color="green">{t('handover.item.confirmed')}</Tag>
        ),
    },
    ...(confirm
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, row: BatchItem) =>
              row.status === 'pending' ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    aria-label={t('handover.confirmItem', { code: row.code })}
                    loading={act.isPending && act.variables?.dossierId === row.dossierId}
                    disabled={act.isPending}
                    onClick={() => act.mutate({ dossierId: row.dossierId, discrepancy: null })}
                  >
                    {t('handover.confirm')}
                  </Button>
                  <Button size="small" danger onClick={() => setFlagging(row)}>
                    {t('handover.flag')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>{batch.code}</span>
          <Tag color={batch.status === 'sent' ? 'purple' : 'green'}>
            {t(`handover.status.${batch.status}`)}
          </Tag>
        </Space>
      }
      extra={
        <a href={`/api/v1/handover-batches/${batch.id}/manifest.pdf`} target="_blank" rel="noopener">
          <FilePdfOutlined aria-hidden /> {t('handover.printManifest')}
        </a>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('handover.batchLine', {
          from: batch.direction === 'to_agency' ? batch.siteName : batch.agencyName,
          to: batch.direction === 'to_agency' ? batch.agencyName : batch.siteName,
          at: formatDateTime(batch.createdAt),
          by: batch.createdByName ?? '—',
        })}
        {batch.courierName ? ` · ${t('handover.courier')}: ${batch.courierName}` : ''}
      </Typography.Paragraph>
      <Table<BatchItem>
        rowKey="dossierId"
        size="small"
        columns={columns}
        dataSource={batch.items}
        pagination={false}
        scroll={{ x: 700 }}
      />
      {act.isError ? (
        <Alert type="error" showIcon role="alert" style={{ marginTop: 8 }} title={act.error.message} />
      ) : null}
      <Modal
        open={flagging !== null}
        title={t('handover.flagTitle', { code: flagging?.code ?? '' })}
        okText={t('handover.flag')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, disabled: !note.trim() || act.isPending, loading: act.isPending }}
        onOk={() => flagging && act.mutate({ dossierId: flagging.dossierId, discrepancy: note.trim() })}
        onCancel={() => setFlagging(null)}
        closable={{ 'aria-label': t('common.close') }}
      >
        <label htmlFor="discrepancy" style={{ display: 'block', marginBottom: 4 }}>
          {t('handover.discrepancy')}
        </label>
        <Input.TextArea id="discrepancy" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </Card>
  );
}
