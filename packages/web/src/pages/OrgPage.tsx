import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, applyFieldErrors, type FieldError, type Paged } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ActiveTag, LevelTag, PageTitle, serverPagination } from '../components.tsx';
import { formatDate } from '../format.ts';
import { useDebounced, usePaging } from '../hooks.ts';
import { type MessageKey, useI18n } from '../i18n.ts';
import { useIntentMutation } from '../intent.ts';
import { RemoteSelect } from '../RemoteSelect.tsx';
import { canAdminister } from '../roles.ts';
import { LoadError } from './Forbidden.tsx';
import { ReorganisationTab } from './ReorganisationTab.tsx';

interface Session {
  start: string;
  end: string;
}

interface ServicePoint {
  id: string;
  code: string;
  name: string;
  kind: 'public_admin_centre' | 'one_stop_unit' | 'post_office' | 'cultural_post_office';
  hostType: 'post_office' | 'government_office';
  unitId: string;
  unitName: string;
  agencyId: string | null;
  agencyName: string | null;
  address: string;
  counters: number;
  openingHours: Session[];
  receivesDossiers: boolean;
  returnsResults: boolean;
  paysBenefits: boolean;
  collectsMoney: boolean;
  pilot: boolean;
  rolloutPhase: number | null;
  moveDate: string | null;
  /** `HH:MM`: a within-the-day dossier received after it is due the next working day (null: 15:00). */
  withinDayCutoff: string | null;
  notes: string | null;
  active: boolean;
}

interface Agency {
  id: string;
  code: string;
  name: string;
  kind: string;
  unitId: string;
  unitName: string;
  active: boolean;
}

interface Unit {
  id: string;
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
  parentId: string | null;
  era: string;
  validFrom: string;
  validTo: string | null;
}

interface UnitDetail {
  unit: Unit;
  ancestors: Unit[];
  successors: { unit: Unit; kind: string }[];
  predecessors: { unit: Unit; kind: string }[];
}

const LINK_KINDS = ['merged_into', 'partly_into', 'renamed', 'split_into'];

const TABS = ['service-points', 'agencies', 'units', 'reorganisations'] as const;
type Tab = (typeof TABS)[number];

function useIsAdmin() {
  const { user } = useAuth();
  return canAdminister(user?.roles.map((r) => r.role) ?? []);
}

function ErrorBox({ error, others }: { error: string | null; others: FieldError[] }) {
  return (
    <div role="alert">
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error}
          description={others.length ? others.map((e) => `${e.field}: ${e.message}`).join('; ') : undefined}
          style={{ marginBottom: 16 }}
        />
      ) : null}
    </div>
  );
}

function SearchBox({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div style={{ minWidth: 280, maxWidth: 420, flex: 1 }}>
      <label htmlFor={id} style={{ display: 'block', marginBottom: 4 }}>
        {label}
      </label>
      <Input id={id} type="search" allowClear value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** Tổ chức: service points, competent agencies, administrative units across the 2025 reform. */
export default function OrgPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const isAdmin = useIsAdmin();
  const asked = params.get('tab') as Tab;
  // The reorganisation tab is for administrators only (the API refuses the others anyway).
  const tab: Tab =
    TABS.includes(asked) && (asked !== 'reorganisations' || isAdmin) ? asked : 'service-points';
  return (
    <>
      <PageTitle>{t('org.title')}</PageTitle>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'service-points', label: t('org.servicePoints'), children: <ServicePointsTab /> },
          { key: 'agencies', label: t('org.agencies'), children: <AgenciesTab /> },
          { key: 'units', label: t('org.units'), children: <UnitsTab /> },
          ...(isAdmin
            ? [{ key: 'reorganisations', label: t('reorg.tab'), children: <ReorganisationTab /> }]
            : []),
        ]}
      />
    </>
  );
}

function ServicePointsTab() {
  const { t } = useI18n();
  const isAdmin = useIsAdmin();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const paging = usePaging(20);
  const [editing, setEditing] = useState<ServicePoint | null>(null);
  const list = useQuery({
    queryKey: ['service-points', q, paging.page, paging.pageSize],
    queryFn: ({ signal }) =>
      api.get<Paged<ServicePoint>>(
        '/service-points',
        { q: q || undefined, page: paging.page, pageSize: paging.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  if (list.isError && !list.data) return <LoadError error={list.error} onRetry={() => list.refetch()} />;

  const columns: TableColumnsType<ServicePoint> = [
    { title: t('common.code'), dataIndex: 'code', width: 150, className: 'nowrap' },
    {
      title: t('common.name'),
      dataIndex: 'name',
      render: (name: string, sp) => (
        <Space direction="vertical" size={2}>
          <span>{name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {sp.unitName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('org.kind'),
      key: 'kind',
      width: 220,
      render: (_, sp) => (
        <Space size={4} wrap>
          <Tag color={sp.kind === 'cultural_post_office' || sp.kind === 'post_office' ? 'gold' : 'geekblue'}>
            {t(`kind.${sp.kind}` as MessageKey)}
          </Tag>
          <Tag>{t(`host.${sp.hostType}` as MessageKey)}</Tag>
          {sp.pilot ? <Tag color="magenta">{t('org.pilot')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('org.counters'), dataIndex: 'counters', width: 80, align: 'right' },
    {
      title: t('org.openingHours'),
      dataIndex: 'openingHours',
      width: 120,
      render: (hours: Session[]) => hours.map((h) => `${h.start}–${h.end}`).join(', '),
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 150,
      render: (a: boolean) => <ActiveTag active={a} />,
    },
  ];
  if (isAdmin) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      render: (_, sp) => (
        <Button
          size="small"
          icon={<EditOutlined aria-hidden />}
          onClick={() => setEditing(sp)}
          aria-label={`${t('common.edit')} ${sp.name}`}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }
  return (
    <>
      <div style={{ marginBottom: 16 }}>
        <SearchBox
          id="sp-search"
          label={t('common.search')}
          value={search}
          onChange={(v) => {
            setSearch(v);
            paging.reset();
          }}
        />
      </div>
      <Table<ServicePoint>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={serverPagination(paging, list.data?.total, t)}
        scroll={{ x: 1050 }}
      />
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? `${t('org.editServicePoint')}: ${editing.name}` : ''}
        size={640}
        closable={{ 'aria-label': t('common.close') }}
        destroyOnHidden
      >
        {editing ? <ServicePointForm site={editing} onDone={() => setEditing(null)} /> : null}
      </Drawer>
    </>
  );
}

type ServicePointValues = Omit<ServicePoint, 'moveDate'> & { moveDate: Dayjs | null };

function ServicePointForm({ site, onDone }: { site: ServicePoint; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ServicePointValues>();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [others, setOthers] = useState<FieldError[]>([]);
  const save = useMutation({
    mutationFn: (v: ServicePointValues) =>
      api.patch<ServicePoint>(`/service-points/${site.id}`, {
        name: v.name,
        address: v.address,
        counters: v.counters,
        openingHours: v.openingHours,
        receivesDossiers: v.receivesDossiers,
        returnsResults: v.returnsResults,
        paysBenefits: v.paysBenefits,
        collectsMoney: v.collectsMoney,
        pilot: v.pilot,
        rolloutPhase: v.rolloutPhase ?? null,
        moveDate: v.moveDate ? v.moveDate.format('YYYY-MM-DD') : null,
        withinDayCutoff: v.withinDayCutoff?.trim() || null,
        notes: v.notes || null,
        active: v.active,
      }),
    onSuccess: async () => {
      message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['service-points'] });
      onDone();
    },
    onError: (e) => {
      setOthers(applyFieldErrors(form, e));
      setError(e.message);
    },
  });
  return (
    <Form<ServicePointValues>
      form={form}
      layout="vertical"
      initialValues={{ ...site, moveDate: site.moveDate ? dayjs(site.moveDate) : null }}
      onFinish={(v) => {
        setError(null);
        save.mutate(v);
      }}
    >
      <ErrorBox error={error} others={others} />
      <Form.Item label={t('common.name')} name="name" rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item label={t('org.address')} name="address" rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Space wrap>
        <Form.Item label={t('org.counters')} name="counters" rules={[{ required: true }]}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item label={t('org.rolloutPhase')} name="rolloutPhase">
          <InputNumber min={0} max={20} />
        </Form.Item>
        <Form.Item label={t('org.moveDate')} name="moveDate">
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item
          label={t('org.withinDayCutoff')}
          name="withinDayCutoff"
          extra={t('org.withinDayCutoffHelp')}
          rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('catalog.cutoffFormat') }]}
        >
          <Input style={{ width: 120 }} placeholder="15:00" inputMode="numeric" maxLength={5} />
        </Form.Item>
      </Space>
      <fieldset style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: 12, marginBottom: 16 }}>
        <legend style={{ fontSize: 14, width: 'auto', margin: 0, padding: '0 4px', border: 0 }}>
          {t('org.openingHours')}
        </legend>
        <Form.List name="openingHours">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item
                    label={t('org.sessionStart')}
                    name={[field.name, 'start']}
                    rules={[
                      { required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('org.timeFormat') },
                    ]}
                  >
                    <Input placeholder="07:30" style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item
                    label={t('org.sessionEnd')}
                    name={[field.name, 'end']}
                    rules={[
                      { required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('org.timeFormat') },
                    ]}
                  >
                    <Input placeholder="11:30" style={{ width: 110 }} />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Form.Item label=" ">
                      <Button onClick={() => remove(field.name)}>{t('catalog.remove')}</Button>
                    </Form.Item>
                  ) : null}
                </Space>
              ))}
              {fields.length < 4 ? (
                <Button
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ start: '13:30', end: '17:00' })}
                >
                  {t('org.addSession')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
      </fieldset>
      <fieldset style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: 12, marginBottom: 16 }}>
        <legend style={{ fontSize: 14, width: 'auto', margin: 0, padding: '0 4px', border: 0 }}>
          {t('org.flags')}
        </legend>
        <Space wrap size="large">
          {(
            [
              'receivesDossiers',
              'returnsResults',
              'paysBenefits',
              'collectsMoney',
              'pilot',
              'active',
            ] as const
          ).map((flag) => (
            <Form.Item
              key={flag}
              label={t(flag === 'active' ? 'common.active' : flag === 'pilot' ? 'org.pilot' : `org.${flag}`)}
              name={flag}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          ))}
        </Space>
      </fieldset>
      <Form.Item label={t('catalog.notes')} name="notes">
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function AgenciesTab() {
  const { t } = useI18n();
  const isAdmin = useIsAdmin();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const paging = usePaging(20);
  const [editing, setEditing] = useState<Agency | 'new' | null>(null);
  const list = useQuery({
    queryKey: ['agencies', q, paging.page, paging.pageSize],
    queryFn: ({ signal }) =>
      api.get<Paged<Agency>>(
        '/agencies',
        { q: q || undefined, page: paging.page, pageSize: paging.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  if (list.isError && !list.data) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  const columns: TableColumnsType<Agency> = [
    { title: t('common.code'), dataIndex: 'code', width: 150, className: 'nowrap' },
    { title: t('common.name'), dataIndex: 'name' },
    { title: t('org.agencyKind'), dataIndex: 'kind', width: 160, render: (k: string) => <code>{k}</code> },
    { title: t('org.unit'), dataIndex: 'unitName', width: 220 },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 150,
      render: (a: boolean) => <ActiveTag active={a} />,
    },
  ];
  if (isAdmin) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, a) => (
        <Button
          size="small"
          icon={<EditOutlined aria-hidden />}
          onClick={() => setEditing(a)}
          aria-label={`${t('common.edit')} ${a.name}`}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }
  return (
    <>
      <div style={{ display: 'flex', gap: 16, alignItems: 'end', marginBottom: 16, flexWrap: 'wrap' }}>
        <SearchBox
          id="agency-search"
          label={t('common.search')}
          value={search}
          onChange={(v) => {
            setSearch(v);
            paging.reset();
          }}
        />
        {isAdmin ? (
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setEditing('new')}
            style={{ marginLeft: 'auto' }}
          >
            {t('org.createAgency')}
          </Button>
        ) : null}
      </div>
      <Table<Agency>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={serverPagination(paging, list.data?.total, t)}
        scroll={{ x: 900 }}
      />
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === 'new' ? t('org.createAgency') : editing ? `${t('org.editAgency')}: ${editing.name}` : ''
        }
        size={560}
        closable={{ 'aria-label': t('common.close') }}
        destroyOnHidden
      >
        {editing ? (
          <AgencyForm agency={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Drawer>
    </>
  );
}

interface AgencyValues {
  code: string;
  name: string;
  kind: string;
  unitId: string;
  active: boolean;
}

function AgencyForm({ agency, onDone }: { agency: Agency | null; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AgencyValues>();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [others, setOthers] = useState<FieldError[]>([]);
  // One key per opening of the form (a new agency; an edit is a PATCH, the same whatever the count).
  const save = useIntentMutation({
    mutationFn: (v: AgencyValues, intent) =>
      agency
        ? api.patch<Agency>(`/agencies/${agency.id}`, { name: v.name, kind: v.kind, active: v.active })
        : api.post<Agency>(
            '/agencies',
            { code: v.code.trim(), name: v.name, kind: v.kind, unitId: v.unitId },
            { idempotencyKey: intent.key },
          ),
    onSuccess: async () => {
      message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['agencies'] });
      onDone();
    },
    onError: (e) => {
      setOthers(applyFieldErrors(form, e));
      setError(e.message);
    },
  });
  return (
    <Form<AgencyValues>
      form={form}
      layout="vertical"
      initialValues={agency ?? { active: true }}
      onFinish={(v) => {
        setError(null);
        save.mutate(v);
      }}
    >
      <ErrorBox error={error} others={others} />
      <Form.Item
        label={t('org.agencyCode')}
        name="code"
        rules={[{ required: true }]}
        extra={t('org.agencyCodeHelp')}
      >
        <Input disabled={agency !== null} spellCheck={false} />
      </Form.Item>
      <Form.Item label={t('common.name')} name="name" rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item
        label={t('org.agencyKind')}
        name="kind"
        rules={[{ required: true }]}
        extra={t('org.agencyKindHelp')}
      >
        <Input spellCheck={false} />
      </Form.Item>
      {agency ? (
        <Form.Item label={t('common.active')} name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
      ) : (
        <Form.Item label={t('org.unit')} name="unitId" rules={[{ required: true }]}>
          <RemoteSelect endpoint="/units" />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={save.isPending}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function UnitsTab() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [level, setLevel] = useState<string | undefined>(undefined);
  const q = useDebounced(search.trim(), 300);
  const paging = usePaging(20);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['units', q, level, paging.page, paging.pageSize],
    queryFn: ({ signal }) =>
      api.get<Paged<Unit>>(
        '/units',
        { q: q || undefined, level, page: paging.page, pageSize: paging.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  if (list.isError && !list.data) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  const columns: TableColumnsType<Unit> = [
    { title: t('org.unitId'), dataIndex: 'id', width: 130, className: 'nowrap' },
    {
      title: t('common.name'),
      dataIndex: 'name',
      render: (name: string, u) => (
        <Button type="link" className="text-link" onClick={() => setOpenId(u.id)}>
          {name}
        </Button>
      ),
    },
    { title: t('org.level'), dataIndex: 'level', width: 120, render: (l: string) => <LevelTag level={l} /> },
    { title: t('org.validFrom'), dataIndex: 'validFrom', width: 130, render: formatDate },
    {
      title: t('org.validTo'),
      dataIndex: 'validTo',
      width: 150,
      render: (d: string | null) => (d ? formatDate(d) : <Tag color="green">{t('org.current')}</Tag>),
    },
  ];
  return (
    <>
      <div style={{ display: 'flex', gap: 16, alignItems: 'end', marginBottom: 16, flexWrap: 'wrap' }}>
        <SearchBox
          id="unit-search"
          label={t('org.unitSearch')}
          value={search}
          onChange={(v) => {
            setSearch(v);
            paging.reset();
          }}
        />
        <div>
          <label htmlFor="unit-level" style={{ display: 'block', marginBottom: 4 }}>
            {t('org.level')}
          </label>
          <Select
            id="unit-level"
            style={{ width: 180 }}
            value={level ?? ''}
            onChange={(v) => {
              setLevel(v || undefined);
              paging.reset();
            }}
            options={[
              { value: '', label: t('common.all') },
              ...(['province', 'district', 'commune'] as const).map((l) => ({
                value: l,
                label: t(`level.${l}`),
              })),
            ]}
          />
        </div>
      </div>
      <Table<Unit>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={serverPagination(paging, list.data?.total, t)}
        scroll={{ x: 800 }}
      />
      <UnitDrawer id={openId} onOpen={setOpenId} onClose={() => setOpenId(null)} />
    </>
  );
}

function UnitDrawer({
  id,
  onOpen,
  onClose,
}: {
  id: string | null;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const detail = useQuery({
    queryKey: ['unit', id],
    queryFn: ({ signal }) => api.get<UnitDetail>(`/units/${id}`, undefined, signal),
    enabled: id !== null,
  });
  const d = detail.data;
  const unitList = (items: { unit: Unit; kind: string }[]) =>
    items.length === 0 ? (
      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
    ) : (
      <List
        size="small"
        bordered
        dataSource={items}
        renderItem={(item) => (
          <List.Item>
            <Space wrap>
              <Button type="link" className="text-link" onClick={() => onOpen(item.unit.id)}>
                {item.unit.name}
              </Button>
              <LevelTag level={item.unit.level} />
              <Tag>{LINK_KINDS.includes(item.kind) ? t(`link.${item.kind}` as MessageKey) : item.kind}</Tag>
              <Typography.Text type="secondary">{item.unit.id}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    );
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={600}
      title={d ? d.unit.name : t('org.unitDetail')}
      closable={{ 'aria-label': t('common.close') }}
      loading={detail.isPending && id !== null}
    >
      {detail.isError ? <LoadError error={detail.error} /> : null}
      {d ? (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          {d.ancestors.length > 0 ? (
            <nav aria-label={t('org.ancestors')}>
              <Breadcrumb
                items={[...d.ancestors, d.unit].map((u) => ({
                  key: u.id,
                  title:
                    u.id === d.unit.id ? (
                      u.name
                    ) : (
                      <Button type="link" className="text-link" onClick={() => onOpen(u.id)}>
                        {u.name}
                      </Button>
                    ),
                }))}
              />
            </nav>
          ) : null}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('org.unitId')}>{d.unit.id}</Descriptions.Item>
            <Descriptions.Item label={t('org.level')}>
              <LevelTag level={d.unit.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('org.validFrom')}>{formatDate(d.unit.validFrom)}</Descriptions.Item>
            <Descriptions.Item label={t('org.validTo')}>
              {d.unit.validTo ? formatDate(d.unit.validTo) : <Tag color="green">{t('org.current')}</Tag>}
            </Descriptions.Item>
          </Descriptions>
          <section aria-labelledby="successors-title">
            <Typography.Title level={2} id="successors-title" style={{ fontSize: 18 }}>
              {t('org.successors')}
            </Typography.Title>
            {unitList(d.successors)}
          </section>
          <section aria-labelledby="predecessors-title">
            <Typography.Title level={2} id="predecessors-title" style={{ fontSize: 18 }}>
              {t('org.predecessors')}
            </Typography.Title>
            {unitList(d.predecessors)}
          </section>
        </Space>
      ) : null}
    </Drawer>
  );
}
