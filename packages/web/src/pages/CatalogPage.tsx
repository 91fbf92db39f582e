import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
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
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, applyFieldErrors, type FieldError, type Paged } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { DRAWER_SCROLL_STYLES, DrawerScroll, LevelTag, PageTitle, serverPagination } from '../components.tsx';
import { formatDate, formatDateTime, formatMoney } from '../format.ts';
import { useDebounced, usePaging } from '../hooks.ts';
import { type MessageKey, type Translate, useI18n } from '../i18n.ts';
import { useIntentMutation } from '../intent.ts';
import { canAdminister, canAdministerNationally } from '../roles.ts';
import { LoadError } from './Forbidden.tsx';

type Channel = 'counter' | 'postal' | 'online';
type CopyType = 'original' | 'copy' | 'certified_copy' | 'original_for_comparison';
type ProcessingUnit = 'working_days' | 'working_hours' | 'within_day' | 'calendar_days_excl_holidays';

interface Processing {
  unit: ProcessingUnit;
  amount: number;
  note: string | null;
  /** `within_day` only: the procedure's own cut-off `HH:MM` (null: the site's, else 15:00). */
  cutoff?: string | null;
}

interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  fieldCode: string;
  fieldName: string;
  level: 'commune' | 'district' | 'province';
  agencyKind: string;
  currentVersion: number;
  active: boolean;
  processing: Processing;
  totalFee: number;
  channels: Channel[];
  postalExcluded: boolean;
  decidedOnTheSpot: boolean;
}

interface ProcedureDocument {
  name: string;
  copyType: CopyType;
  count: number;
  required: boolean;
  condition: string | null;
  templateForm: string | null;
}

interface Fee {
  name: string;
  amount: number;
  note: string | null;
}

interface ProcedureVersion {
  version: number;
  createdAt: string;
  name: string;
  validFrom: string;
  documents: ProcedureDocument[];
  processing: Processing;
  decidedOnTheSpot: boolean;
  fees: Fee[];
  channels: Channel[];
  postalExcluded: boolean;
  resultType: string;
  legalBasis: string[];
  sources: string[];
  notes: string | null;
}

interface ProcedureDetail extends ProcedureSummary {
  current: ProcedureVersion;
  versions: { version: number; validFrom: string; createdAt: string }[];
}

const CHANNELS: Channel[] = ['counter', 'postal', 'online'];
const COPY_TYPES: CopyType[] = ['original', 'copy', 'certified_copy', 'original_for_comparison'];
const UNITS: ProcessingUnit[] = [
  'working_days',
  'working_hours',
  'within_day',
  'calendar_days_excl_holidays',
];

export const processingText = (t: Translate, p: Processing) =>
  t(`processing.${p.unit}` as MessageKey, { n: p.amount });

function ChannelTags({ channels }: { channels: Channel[] }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {channels.map((c) => (
        <Tag key={c}>{t(`channel.${c}` as MessageKey)}</Tag>
      ))}
    </Space>
  );
}

/** Danh mục thủ tục hành chính: search, table, detail drawer, new version for administrators. */
export default function CatalogPage() {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const paging = usePaging(20);
  const [openId, setOpenId] = useState<string | null>(null);

  const list = useQuery({
    queryKey: ['procedures', q, paging.page, paging.pageSize],
    queryFn: ({ signal }) =>
      api.get<Paged<ProcedureSummary>>(
        '/procedures',
        { q: q || undefined, page: paging.page, pageSize: paging.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  if (list.isError && !list.data) return <LoadError error={list.error} onRetry={() => list.refetch()} />;

  const columns: TableColumnsType<ProcedureSummary> = [
    { title: t('common.code'), dataIndex: 'code', width: 100, className: 'nowrap' },
    {
      title: t('common.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space direction="vertical" size={2}>
          <Button type="link" className="text-link" onClick={() => setOpenId(row.id)}>
            {name}
          </Button>
          <Space size={4} wrap>
            {row.postalExcluded ? <Tag color="red">{t('catalog.postalExcluded')}</Tag> : null}
            {row.decidedOnTheSpot ? <Tag color="gold">{t('catalog.onTheSpot')}</Tag> : null}
          </Space>
        </Space>
      ),
    },
    {
      title: t('catalog.level'),
      dataIndex: 'level',
      width: 110,
      render: (level: string) => <LevelTag level={level} />,
    },
    {
      title: t('catalog.time'),
      key: 'time',
      width: 160,
      render: (_, row) => processingText(t, row.processing),
    },
    {
      title: t('catalog.fee'),
      dataIndex: 'totalFee',
      width: 130,
      align: 'right',
      className: 'nowrap',
      render: (fee: number) => (fee === 0 ? t('catalog.free') : formatMoney(fee)),
    },
    {
      title: t('catalog.channels'),
      dataIndex: 'channels',
      width: 220,
      render: (channels: Channel[]) => <ChannelTags channels={channels} />,
    },
  ];

  return (
    <>
      <PageTitle>{t('catalog.title')}</PageTitle>
      <div style={{ maxWidth: 560, marginBottom: 16 }}>
        <label htmlFor="procedure-search" style={{ display: 'block', marginBottom: 4 }}>
          {t('catalog.search')}
        </label>
        <Input.Search
          id="procedure-search"
          type="search"
          allowClear
          value={search}
          placeholder={t('catalog.searchPlaceholder')}
          enterButton={t('common.search')}
          onChange={(e) => {
            setSearch(e.target.value);
            paging.reset();
          }}
          onSearch={(value) => {
            setSearch(value);
            paging.reset();
          }}
        />
      </div>
      <Table<ProcedureSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={serverPagination(paging, list.data?.total, t)}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('catalog.empty') }}
      />
      <ProcedureDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function ProcedureDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [editing, setEditing] = useState(false);
  const detail = useQuery({
    queryKey: ['procedure', id],
    queryFn: ({ signal }) => api.get<ProcedureDetail>(`/procedures/${id}`, undefined, signal),
    enabled: id !== null,
  });
  // The catalogue is national: an administrator of one province reads it like everyone else.
  const isAdmin = canAdministerNationally(user?.roles ?? []);
  const isProvinceAdmin = !isAdmin && canAdminister(user?.roles.map((r) => r.role) ?? []);
  const p = detail.data;

  return (
    <Drawer
      open={id !== null}
      onClose={() => {
        setEditing(false);
        onClose();
      }}
      size={760}
      title={p ? `${p.code} — ${p.name}` : t('common.details')}
      closable={{ 'aria-label': t('common.close') }}
      loading={detail.isPending && id !== null}
      extra={
        p && isAdmin && !editing ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(true)}>
            {t('catalog.newVersion')}
          </Button>
        ) : p && isProvinceAdmin ? (
          <Typography.Text type="secondary">{t('catalog.nationalOnly')}</Typography.Text>
        ) : null
      }
      destroyOnHidden
      styles={DRAWER_SCROLL_STYLES}
    >
      <DrawerScroll label={p ? `${p.code} — ${p.name}` : t('common.details')}>
        {detail.isError ? <LoadError error={detail.error} onRetry={() => detail.refetch()} /> : null}
        {p && editing ? <VersionForm procedure={p} onDone={() => setEditing(false)} /> : null}
        {p && !editing ? <ProcedureView procedure={p} /> : null}
      </DrawerScroll>
    </Drawer>
  );
}

function ProcedureView({ procedure: p }: { procedure: ProcedureDetail }) {
  const { t } = useI18n();
  const v = p.current;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('catalog.field')}>{p.fieldName}</Descriptions.Item>
        <Descriptions.Item label={t('catalog.level')}>
          <LevelTag level={p.level} />
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.time')}>
          {processingText(t, v.processing)}
          {v.processing.note ? (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {v.processing.note}
            </Typography.Paragraph>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.channels')}>
          <ChannelTags channels={v.channels} />
          {v.postalExcluded ? <Tag color="red">{t('catalog.postalExcluded')}</Tag> : null}
          {v.decidedOnTheSpot ? <Tag color="gold">{t('catalog.onTheSpot')}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('catalog.resultType')}>{v.resultType}</Descriptions.Item>
        <Descriptions.Item label={t('catalog.validFrom')}>
          {formatDate(v.validFrom)} · {t('catalog.version', { n: v.version })}
        </Descriptions.Item>
      </Descriptions>

      <section aria-labelledby="docs-title">
        <Typography.Title level={2} id="docs-title" style={{ fontSize: 18 }}>
          {t('catalog.documents')}
        </Typography.Title>
        <List
          size="small"
          bordered
          dataSource={v.documents}
          renderItem={(d, i) => (
            <List.Item>
              <div>
                <div>
                  {i + 1}. {d.name}
                </div>
                <Space size={4} wrap style={{ marginTop: 4 }}>
                  <Tag>{t(`copy.${d.copyType}` as MessageKey)}</Tag>
                  <Tag>{t('catalog.copies', { n: d.count })}</Tag>
                  {d.required ? (
                    <Tag color="blue">{t('catalog.required')}</Tag>
                  ) : (
                    <Tag color="orange">
                      {t('catalog.conditional')}
                      {d.condition ? `: ${d.condition}` : ''}
                    </Tag>
                  )}
                </Space>
              </div>
            </List.Item>
          )}
        />
      </section>

      <section aria-labelledby="fees-title">
        <Typography.Title level={2} id="fees-title" style={{ fontSize: 18 }}>
          {t('catalog.fees')}
        </Typography.Title>
        {v.fees.length === 0 ? (
          <Typography.Text>{t('catalog.free')}</Typography.Text>
        ) : (
          <List
            size="small"
            bordered
            dataSource={v.fees}
            renderItem={(f) => (
              <List.Item
                extra={
                  <strong className="nowrap">
                    {f.amount === 0 ? t('catalog.free') : formatMoney(f.amount)}
                  </strong>
                }
              >
                <div>
                  <div>{f.name}</div>
                  {f.note ? <Typography.Text type="secondary">{f.note}</Typography.Text> : null}
                </div>
              </List.Item>
            )}
          />
        )}
      </section>

      <section aria-labelledby="legal-title">
        <Typography.Title level={2} id="legal-title" style={{ fontSize: 18 }}>
          {t('catalog.legalBasis')}
        </Typography.Title>
        <ul style={{ paddingLeft: 20, margin: 0 }}>
          {v.legalBasis.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </section>

      {v.notes ? (
        <section aria-labelledby="notes-title">
          <Typography.Title level={2} id="notes-title" style={{ fontSize: 18 }}>
            {t('catalog.notes')}
          </Typography.Title>
          <Typography.Paragraph>{v.notes}</Typography.Paragraph>
        </section>
      ) : null}

      <section aria-labelledby="versions-title">
        <Typography.Title level={2} id="versions-title" style={{ fontSize: 18 }}>
          {t('catalog.versions')}
        </Typography.Title>
        <Table
          size="small"
          rowKey="version"
          pagination={false}
          dataSource={p.versions}
          columns={[
            {
              title: t('catalog.versions'),
              dataIndex: 'version',
              render: (n: number) => (
                <>
                  {t('catalog.version', { n })}{' '}
                  {n === p.currentVersion ? <Tag color="green">{t('catalog.activeLabel')}</Tag> : null}
                </>
              ),
            },
            { title: t('catalog.validFrom'), dataIndex: 'validFrom', render: formatDate },
            { title: t('audit.at'), dataIndex: 'createdAt', render: formatDateTime },
          ]}
        />
      </section>
    </Space>
  );
}

interface VersionFormValues {
  name: string;
  validFrom: Dayjs;
  processing: Processing;
  decidedOnTheSpot: boolean;
  channels: Channel[];
  postalExcluded: boolean;
  fees: Fee[];
  documents: ProcedureDocument[];
  resultType: string;
  legalBasis: string;
  notes: string | null;
}

/** A new version, starting from the current one. */
function VersionForm({ procedure, onDone }: { procedure: ProcedureDetail; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<VersionFormValues>();
  const [otherErrors, setOtherErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const v = procedure.current;
  const unit = Form.useWatch(['processing', 'unit'], form);

  // One key per opening of the version form: a double click saves one version.
  const save = useIntentMutation({
    mutationFn: (values: VersionFormValues, intent) =>
      api.post<ProcedureDetail>(
        `/procedures/${procedure.id}/versions`,
        {
          name: values.name,
          validFrom: values.validFrom.format('YYYY-MM-DD'),
          documents: (values.documents ?? []).map((d) => ({
            name: d.name,
            copyType: d.copyType,
            count: d.count,
            required: Boolean(d.required),
            condition: d.condition || null,
            templateForm: d.templateForm ?? null,
          })),
          processing: {
            unit: values.processing.unit,
            amount: values.processing.unit === 'within_day' ? 0 : values.processing.amount,
            note: values.processing.note || null,
            // Only a within-the-day limit has a cut-off; empty: the site's, else 15:00.
            cutoff: values.processing.unit === 'within_day' ? values.processing.cutoff?.trim() || null : null,
          },
          decidedOnTheSpot: Boolean(values.decidedOnTheSpot),
          fees: (values.fees ?? []).map((f) => ({ name: f.name, amount: f.amount, note: f.note || null })),
          channels: values.channels,
          postalExcluded: Boolean(values.postalExcluded),
          resultType: values.resultType,
          legalBasis: values.legalBasis
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean),
          sources: v.sources,
          notes: values.notes || null,
        },
        { idempotencyKey: intent.key },
      ),
    onSuccess: async (saved) => {
      message.success(t('catalog.versionCreated', { n: saved.currentVersion }));
      queryClient.setQueryData(['procedure', procedure.id], saved);
      await queryClient.invalidateQueries({ queryKey: ['procedures'] });
      onDone();
    },
    onError: (error) => {
      setOtherErrors(applyFieldErrors(form, error));
      setFormError(error.message);
    },
  });

  return (
    <Form<VersionFormValues>
      form={form}
      layout="vertical"
      initialValues={{
        name: v.name,
        validFrom: dayjs(),
        processing: v.processing,
        decidedOnTheSpot: v.decidedOnTheSpot,
        channels: v.channels,
        postalExcluded: v.postalExcluded,
        fees: v.fees,
        documents: v.documents,
        resultType: v.resultType,
        legalBasis: v.legalBasis.join('\n'),
        notes: v.notes,
      }}
      onFinish={() => {
        setFormError(null);
        // getFieldsValue(true) keeps fields the form does not render (a document's template form).
        save.mutate(form.getFieldsValue(true) as VersionFormValues);
      }}
    >
      <Typography.Paragraph>{t('catalog.newVersionIntro')}</Typography.Paragraph>
      <div role="alert">
        {formError ? (
          <Alert
            type="error"
            showIcon
            title={formError}
            description={
              otherErrors.length ? otherErrors.map((e) => `${e.field}: ${e.message}`).join('; ') : undefined
            }
            style={{ marginBottom: 16 }}
          />
        ) : null}
      </div>
      <Form.Item label={t('common.name')} name="name" rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item label={t('catalog.validFrom')} name="validFrom" rules={[{ required: true }]}>
        <DatePicker format="DD/MM/YYYY" />
      </Form.Item>
      <Space wrap>
        <Form.Item
          label={t('catalog.processingAmount')}
          name={['processing', 'amount']}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={365} />
        </Form.Item>
        <Form.Item
          label={t('catalog.processingUnit')}
          name={['processing', 'unit']}
          rules={[{ required: true }]}
        >
          <Select
            style={{ width: 240 }}
            options={UNITS.map((u) => ({ value: u, label: t(`processing.${u}` as MessageKey, { n: '…' }) }))}
          />
        </Form.Item>
        {unit === 'within_day' ? (
          <Form.Item
            label={t('catalog.cutoff')}
            name={['processing', 'cutoff']}
            extra={t('catalog.cutoffHelp')}
            rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('catalog.cutoffFormat') }]}
          >
            <Input style={{ width: 120 }} placeholder="15:00" inputMode="numeric" maxLength={5} />
          </Form.Item>
        ) : null}
      </Space>
      <Form.Item label={t('catalog.channels')} name="channels" rules={[{ required: true }]}>
        <Checkbox.Group
          options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}` as MessageKey) }))}
        />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item label={t('catalog.postalExcluded')} name="postalExcluded" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label={t('catalog.onTheSpot')} name="decidedOnTheSpot" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Space>

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('catalog.fees')}
      </Typography.Title>
      <Form.List name="fees">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="start" wrap>
                <Form.Item
                  label={t('catalog.feeName')}
                  name={[field.name, 'name']}
                  rules={[{ required: true }]}
                >
                  <Input style={{ width: 260 }} />
                </Form.Item>
                <Form.Item
                  label={t('catalog.feeAmount')}
                  name={[field.name, 'amount']}
                  rules={[{ required: true }]}
                >
                  <InputNumber<number>
                    min={0}
                    step={1000}
                    style={{ width: 160 }}
                    formatter={(value) =>
                      value === undefined ? '' : new Intl.NumberFormat('vi-VN').format(Number(value))
                    }
                    parser={(text) => Number((text ?? '').replace(/\D/g, ''))}
                  />
                </Form.Item>
                <Form.Item label={t('catalog.notes')} name={[field.name, 'note']}>
                  <Input style={{ width: 200 }} />
                </Form.Item>
                <Form.Item label=" ">
                  <Button onClick={() => remove(field.name)}>{t('catalog.remove')}</Button>
                </Form.Item>
              </Space>
            ))}
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ name: '', amount: 0, note: null })}
              style={{ marginBottom: 16 }}
            >
              {t('catalog.addFee')}
            </Button>
          </>
        )}
      </Form.List>

      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('catalog.documents')}
      </Typography.Title>
      <Form.List name="documents">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <fieldset
                key={field.key}
                style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: 12, marginBottom: 12 }}
              >
                <legend style={{ fontSize: 14, padding: '0 4px', width: 'auto', margin: 0, border: 0 }}>
                  {i + 1}.
                </legend>
                <Form.Item
                  label={t('catalog.documentName')}
                  name={[field.name, 'name']}
                  rules={[{ required: true }]}
                >
                  <Input.TextArea autoSize />
                </Form.Item>
                <Space wrap align="start">
                  <Form.Item
                    label={t('catalog.copyType')}
                    name={[field.name, 'copyType']}
                    rules={[{ required: true }]}
                  >
                    <Select
                      style={{ width: 220 }}
                      options={COPY_TYPES.map((c) => ({ value: c, label: t(`copy.${c}` as MessageKey) }))}
                    />
                  </Form.Item>
                  <Form.Item
                    label={t('catalog.count')}
                    name={[field.name, 'count']}
                    rules={[{ required: true }]}
                  >
                    <InputNumber min={1} max={50} />
                  </Form.Item>
                  <Form.Item
                    label={t('catalog.required')}
                    name={[field.name, 'required']}
                    valuePropName="checked"
                  >
                    <Switch />
                  </Form.Item>
                  <Form.Item label={t('catalog.condition')} name={[field.name, 'condition']}>
                    <Input style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item label=" ">
                    <Button onClick={() => remove(field.name)}>{t('catalog.remove')}</Button>
                  </Form.Item>
                </Space>
              </fieldset>
            ))}
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() =>
                add({
                  name: '',
                  copyType: 'original',
                  count: 1,
                  required: true,
                  condition: null,
                  templateForm: null,
                })
              }
              style={{ marginBottom: 16 }}
            >
              {t('catalog.addDocument')}
            </Button>
          </>
        )}
      </Form.List>

      <Form.Item label={t('catalog.resultType')} name="resultType" rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item label={t('catalog.legalBasis')} name="legalBasis" extra={t('catalog.legalBasisHelp')}>
        <Input.TextArea autoSize={{ minRows: 3 }} />
      </Form.Item>
      <Form.Item label={t('catalog.notes')} name="notes">
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={save.isPending}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
