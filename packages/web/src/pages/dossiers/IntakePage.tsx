import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { amountInWords } from '@motcua/core/money/words';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  ApiError,
  api,
  applyFieldErrors,
  clearServerErrors,
  type FieldError,
  type Paged,
} from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageTitle, ProblemAlert } from '../../components.tsx';
import { formatDateTime, formatMoney } from '../../format.ts';
import { useDebounced } from '../../hooks.ts';
import { type MessageKey, type Translate, useI18n } from '../../i18n.ts';
import { useIntentMutation } from '../../intent.ts';
import { RemoteSelect } from '../../RemoteSelect.tsx';
import { compact, type DossierView, FormDatePicker, formUrl, placesOf } from './shared.tsx';

interface Processing {
  unit: string;
  amount: number;
}

interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  level: string;
  processing: Processing;
  totalFee: number;
  postalExcluded: boolean;
  decidedOnTheSpot: boolean;
}

interface ProcedureDocument {
  name: string;
  copyType: string;
  count: number;
  required: boolean;
  condition: string | null;
}

interface ProcedureDetail extends ProcedureSummary {
  current: {
    documents: ProcedureDocument[];
    fees: { name: string; amount: number }[];
    processing: Processing;
    channels: string[];
    postalExcluded: boolean;
    resultType: string;
  };
}

interface IntakeValues {
  siteId: string;
  procedureId?: string;
  documents: number[];
  applicant: {
    kind: 'person' | 'organisation';
    name: string;
    idNumber?: string;
    birthDate?: Dayjs | null;
    sex?: 'male' | 'female';
    phone?: string;
    email?: string;
    address?: string;
    unitId?: string | null;
    taxCode?: string;
  };
  returnMethod: 'counter' | 'postal';
  deliveryAddress?: string;
  deliveryUnitId?: string | null;
  fee: { amount: number | null; method: 'cash' | 'transfer' | 'card' };
}

const processingText = (t: Translate, p: Processing) =>
  t(`processing.${p.unit}` as MessageKey, { n: p.amount });

const blank = (value: string | undefined | null) => (value?.trim() ? value.trim() : null);

/** The documents the server found missing that the clerk has not ticked since (the panel shrinks). */
function stillMissing(missing: FieldError[], ticked: number[]): FieldError[] {
  return missing.filter((f) => !ticked.includes(Number(f.field.split('.')[1])));
}

/** The amount in Vietnamese words, or '' for what is not a whole number of đồng. */
function words(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isSafeInteger(amount) || amount < 0) return '';
  return amountInWords(amount);
}

/** Tiếp nhận hồ sơ: the clerk's keyboard-first intake form, the receipt, or the supplement slip. */
export default function IntakePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const sites = placesOf(user).clerkSites;
  const [form] = Form.useForm<IntakeValues>();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const procedureId = Form.useWatch('procedureId', form);
  const returnMethod = Form.useWatch('returnMethod', form);
  const kind = Form.useWatch(['applicant', 'kind'], form);
  const feeAmount = Form.useWatch(['fee', 'amount'], form);
  const ticked: number[] = Form.useWatch('documents', form) ?? [];
  const [created, setCreated] = useState<DossierView | null>(null);
  const [incomplete, setIncomplete] = useState<FieldError[] | null>(null);
  const [unmatched, setUnmatched] = useState<{ message: string; fields: FieldError[] } | null>(null);

  const procedures = useQuery({
    queryKey: ['procedures', 'intake', q],
    queryFn: ({ signal }) =>
      api.get<Paged<ProcedureSummary>>('/procedures', { q: q || undefined, pageSize: 20 }, signal),
  });
  const procedure = useQuery({
    queryKey: ['procedure', procedureId],
    queryFn: ({ signal }) => api.get<ProcedureDetail>(`/procedures/${procedureId}`, undefined, signal),
    enabled: Boolean(procedureId),
  });
  const p = procedure.data?.id === procedureId ? procedure.data : undefined;

  // A new procedure: its fee prefilled, no documents ticked, postal return only where allowed.
  useEffect(() => {
    if (!p) return;
    form.setFieldsValue({ documents: [], fee: { amount: p.totalFee, method: 'cash' } });
    if (p.current.postalExcluded) form.setFieldValue('returnMethod', 'counter');
  }, [p, form]);

  // One key per intake: made when the form opens, kept for a double click, Ctrl+Enter twice or a
  // retry, renewed only when the clerk starts the next dossier.
  const submit = useIntentMutation({
    mutationFn: (values: IntakeValues, intent) =>
      api.post<DossierView>(
        '/dossiers',
        compact({
          clientTxId: intent.txId('intake'),
          siteId: values.siteId,
          procedureId: values.procedureId,
          applicant: {
            kind: values.applicant.kind,
            name: values.applicant.name.trim(),
            idNumber: blank(values.applicant.idNumber)?.replace(/\s/g, '') ?? null,
            birthDate: values.applicant.birthDate ? values.applicant.birthDate.format('YYYY-MM-DD') : null,
            sex: values.applicant.kind === 'person' ? (values.applicant.sex ?? null) : null,
            phone: blank(values.applicant.phone),
            email: blank(values.applicant.email),
            address: blank(values.applicant.address),
            unitId: values.applicant.unitId ?? null,
            taxCode: values.applicant.kind === 'organisation' ? blank(values.applicant.taxCode) : null,
          },
          documents: (values.documents ?? []).map((index) => ({ index })),
          returnMethod: values.returnMethod,
          deliveryAddress: values.returnMethod === 'postal' ? blank(values.deliveryAddress) : null,
          deliveryUnitId: values.returnMethod === 'postal' ? (values.deliveryUnitId ?? null) : null,
          fee:
            values.fee?.amount && values.fee.amount > 0
              ? { amount: values.fee.amount, method: values.fee.method }
              : null,
        }),
        { idempotencyKey: intent.key },
      ),
    onMutate: () => {
      setIncomplete(null);
      setUnmatched(null);
    },
    onSuccess: (dossier) => setCreated(dossier),
    onError: (error) => {
      const rest = applyFieldErrors(form, error);
      const missing = rest.filter((f) => /^documents\.\d+$/.test(f.field));
      const other = rest.filter((f) => !/^documents\.\d+$/.test(f.field));
      if (error instanceof ApiError && error.code === 'DOSSIER_INCOMPLETE') setIncomplete(missing);
      if (
        other.length > 0 ||
        !(error instanceof ApiError) ||
        (error.fields.length === 0 && missing.length === 0)
      )
        setUnmatched({ message: error.message, fields: other });
    },
  });

  if (sites.length === 0) {
    return (
      <>
        <PageTitle>{t('nav.intake')}</PageTitle>
        <Alert type="warning" showIcon title={t('intake.noSite')} />
      </>
    );
  }

  if (created) {
    return (
      <IntakeDone
        dossier={created}
        onNext={() => {
          setCreated(null);
          submit.renew();
          form.resetFields();
          setSearch('');
        }}
      />
    );
  }

  const documents = p?.current.documents ?? [];
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.submit();
    }
  };

  return (
    <>
      <PageTitle>{t('nav.intake')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('intake.keyboardHint')}</Typography.Paragraph>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: Ctrl+Enter anywhere in the form submits it */}
      <div onKeyDown={onKeyDown}>
        <Form<IntakeValues>
          form={form}
          layout="vertical"
          name="intake"
          initialValues={{
            siteId: sites[0]?.id,
            documents: [],
            applicant: { kind: 'person' },
            returnMethod: 'counter',
            fee: { amount: null, method: 'cash' },
          }}
          onFinish={(values) => submit.mutate(values)}
          onValuesChange={(changed) => clearServerErrors(form, changed)}
          scrollToFirstError
        >
          <Row gutter={24}>
            <Col xs={24} xl={12}>
              <Card title={t('intake.procedureCard')} size="small" style={{ marginBottom: 16 }}>
                {sites.length > 1 ? (
                  <Form.Item name="siteId" label={t('intake.site')} rules={[{ required: true }]}>
                    <Select options={sites.map((s) => ({ value: s.id, label: s.name }))} />
                  </Form.Item>
                ) : (
                  <Form.Item name="siteId" hidden>
                    <Input />
                  </Form.Item>
                )}
                <Form.Item
                  name="procedureId"
                  label={t('intake.procedure')}
                  extra={t('intake.procedureHelp')}
                  rules={[{ required: true, message: t('intake.required.procedure') }]}
                >
                  <Select
                    autoFocus
                    showSearch={{ filterOption: false, onSearch: setSearch }}
                    placeholder={t('intake.procedurePlaceholder')}
                    loading={procedures.isFetching}
                    notFoundContent={procedures.isFetching ? t('common.loading') : t('catalog.empty')}
                    options={(procedures.data?.items ?? []).map((o) => ({
                      value: o.id,
                      label: `${o.code} — ${o.name}`,
                    }))}
                  />
                </Form.Item>
                {p ? <ProcedureFacts p={p} /> : null}
                {p ? (
                  <Form.Item
                    name="documents"
                    label={t('intake.documents')}
                    extra={t('intake.documentsHelp')}
                    style={{ marginTop: 12 }}
                  >
                    <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
                      {documents.map((d, i) => (
                        <Checkbox
                          // biome-ignore lint/suspicious/noArrayIndexKey: the index is the document's identity
                          key={i}
                          value={i}
                          className={d.required ? 'intake-doc intake-doc-required' : 'intake-doc'}
                        >
                          <span style={d.required ? { fontWeight: 600 } : undefined}>{d.name}</span>{' '}
                          <Tag>{t(`copy.${d.copyType}` as MessageKey)}</Tag>
                          <Tag>{t('catalog.copies', { n: d.count })}</Tag>
                          {d.required ? (
                            <Tag color="red">{t('catalog.required')}</Tag>
                          ) : (
                            <Tag>
                              {t('catalog.conditional')}
                              {d.condition ? `: ${d.condition}` : ''}
                            </Tag>
                          )}
                        </Checkbox>
                      ))}
                    </Checkbox.Group>
                  </Form.Item>
                ) : null}
                {p && documents.some((d) => d.required) ? (
                  <Button
                    size="small"
                    onClick={() => {
                      const current = new Set<number>(form.getFieldValue('documents') ?? []);
                      documents.forEach((d, i) => {
                        if (d.required) current.add(i);
                      });
                      form.setFieldValue(
                        'documents',
                        [...current].sort((a, b) => a - b),
                      );
                    }}
                  >
                    {t('intake.tickRequired')}
                  </Button>
                ) : null}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('intake.applicantCard')} size="small" style={{ marginBottom: 16 }}>
                <Form.Item name={['applicant', 'kind']} label={t('intake.applicantKind')}>
                  <Radio.Group
                    options={[
                      { value: 'person', label: t('intake.kind.person') },
                      { value: 'organisation', label: t('intake.kind.organisation') },
                    ]}
                  />
                </Form.Item>
                <Form.Item
                  name={['applicant', 'name']}
                  label={kind === 'organisation' ? t('intake.orgName') : t('intake.name')}
                  rules={[{ required: true, whitespace: true, message: t('intake.required.name') }]}
                >
                  <Input autoComplete="off" maxLength={200} />
                </Form.Item>
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name={['applicant', 'idNumber']}
                      label={kind === 'organisation' ? t('intake.representativeId') : t('intake.idNumber')}
                    >
                      <Input inputMode="numeric" autoComplete="off" maxLength={20} />
                    </Form.Item>
                  </Col>
                  {kind === 'organisation' ? (
                    <Col xs={24} sm={12}>
                      <Form.Item name={['applicant', 'taxCode']} label={t('intake.taxCode')}>
                        <Input inputMode="numeric" autoComplete="off" maxLength={20} />
                      </Form.Item>
                    </Col>
                  ) : (
                    <Col xs={24} sm={12}>
                      <Form.Item name={['applicant', 'birthDate']} label={t('intake.birthDate')}>
                        <FormDatePicker
                          format="DD/MM/YYYY"
                          placeholder="DD/MM/YYYY"
                          style={{ width: '100%' }}
                        />
                      </Form.Item>
                    </Col>
                  )}
                </Row>
                {kind === 'organisation' ? null : (
                  <Form.Item name={['applicant', 'sex']} label={t('intake.sex')}>
                    <Radio.Group
                      options={[
                        { value: 'female', label: t('intake.sex.female') },
                        { value: 'male', label: t('intake.sex.male') },
                      ]}
                    />
                  </Form.Item>
                )}
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item name={['applicant', 'phone']} label={t('intake.phone')}>
                      <Input type="tel" autoComplete="off" maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name={['applicant', 'email']}
                      label={t('intake.email')}
                      rules={[{ type: 'email', message: t('intake.invalid.email') }]}
                    >
                      <Input type="email" autoComplete="off" maxLength={200} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name={['applicant', 'address']} label={t('intake.address')}>
                  <Input autoComplete="off" maxLength={500} />
                </Form.Item>
                <Form.Item name={['applicant', 'unitId']} label={t('intake.commune')}>
                  <RemoteSelect
                    endpoint="/units"
                    extraQuery={{ level: 'commune' }}
                    placeholder={t('intake.communePlaceholder')}
                  />
                </Form.Item>
              </Card>
            </Col>
          </Row>
          <Card title={t('intake.returnCard')} size="small" style={{ marginBottom: 16 }}>
            <Row gutter={24}>
              <Col xs={24} xl={12}>
                <Form.Item name="returnMethod" label={t('intake.returnMethod')}>
                  <Radio.Group>
                    <Radio value="counter">{t('intake.return.counter')}</Radio>
                    <Radio value="postal" disabled={p?.current.postalExcluded}>
                      {t('intake.return.postal')}
                    </Radio>
                  </Radio.Group>
                </Form.Item>
                {returnMethod === 'postal' ? (
                  <>
                    <Form.Item
                      name="deliveryAddress"
                      label={t('intake.deliveryAddress')}
                      rules={[{ required: true, whitespace: true, message: t('intake.required.delivery') }]}
                    >
                      <Input autoComplete="off" maxLength={500} />
                    </Form.Item>
                    <Form.Item name="deliveryUnitId" label={t('intake.deliveryCommune')}>
                      <RemoteSelect endpoint="/units" extraQuery={{ level: 'commune' }} />
                    </Form.Item>
                  </>
                ) : null}
              </Col>
              <Col xs={24} xl={12}>
                <Space align="start" wrap>
                  <Form.Item
                    name={['fee', 'amount']}
                    label={t('intake.feeAmount')}
                    extra={
                      typeof feeAmount === 'number' ? (
                        <span data-testid="fee-words">
                          {formatMoney(feeAmount)} — {words(feeAmount)}
                        </span>
                      ) : undefined
                    }
                  >
                    <InputNumber<number>
                      min={0}
                      step={1000}
                      precision={0}
                      style={{ width: 200 }}
                      formatter={(v) =>
                        v === undefined || v === null || `${v}` === ''
                          ? ''
                          : formatMoney(Number(v)).replace(' ₫', '')
                      }
                      parser={(v) => Number((v ?? '').replace(/\D/g, '') || 0)}
                      suffix="₫"
                    />
                  </Form.Item>
                  <Form.Item name={['fee', 'method']} label={t('intake.feeMethod')}>
                    <Select
                      style={{ width: 180 }}
                      options={(['cash', 'transfer', 'card'] as const).map((m) => ({
                        value: m,
                        label: t(`intake.feeMethod.${m}`),
                      }))}
                    />
                  </Form.Item>
                </Space>
              </Col>
            </Row>
          </Card>
          {incomplete && stillMissing(incomplete, ticked).length > 0 ? (
            <IncompletePanel
              key={stillMissing(incomplete, ticked)
                .map((f) => f.field)
                .join()}
              missing={stillMissing(incomplete, ticked)}
              documents={documents}
              siteId={form.getFieldValue('siteId')}
              procedureId={procedureId}
              applicantName={form.getFieldValue(['applicant', 'name'])}
              applicantPhone={form.getFieldValue(['applicant', 'phone'])}
            />
          ) : null}
          {unmatched ? <ProblemAlert problem={unmatched} style={{ marginBottom: 16 }} /> : null}
          <Space wrap>
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              loading={submit.isPending}
              disabled={submit.isPending}
            >
              {t('intake.submit')}
            </Button>
            <Typography.Text type="secondary">{t('intake.submitHint')}</Typography.Text>
          </Space>
        </Form>
      </div>
    </>
  );
}

function ProcedureFacts({ p }: { p: ProcedureDetail }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={1} bordered>
      <Descriptions.Item label={t('catalog.time')}>
        {processingText(t, p.current.processing)}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.fee')}>
        {p.totalFee === 0 ? t('catalog.free') : formatMoney(p.totalFee)}
        {p.current.fees.length > 1
          ? ` (${p.current.fees.map((f) => `${f.name}: ${formatMoney(f.amount)}`).join('; ')})`
          : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('catalog.resultType')}>{p.current.resultType}</Descriptions.Item>
      <Descriptions.Item label={t('catalog.channels')}>
        <Space size={4} wrap>
          {p.current.channels.map((c) => (
            <Tag key={c}>{t(`channel.${c}` as MessageKey)}</Tag>
          ))}
          {p.current.postalExcluded ? <Tag color="red">{t('catalog.postalExcluded')}</Tag> : null}
          {p.decidedOnTheSpot ? <Tag color="gold">{t('catalog.onTheSpot')}</Tag> : null}
        </Space>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The server found mandatory documents missing: list them and issue the supplement slip (Mẫu 02). */
function IncompletePanel(props: {
  missing: FieldError[];
  documents: ProcedureDocument[];
  siteId: string;
  procedureId: string | undefined;
  applicantName: string | undefined;
  applicantPhone: string | undefined;
}) {
  const { t } = useI18n();
  const names = props.missing
    .map((f) => props.documents[Number(f.field.split('.')[1])]?.name)
    .filter((n): n is string => Boolean(n));
  // One slip per missing-documents panel: the panel is new for each refused intake.
  const slip = useIntentMutation({
    mutationFn: (_: undefined, intent) =>
      api.post<{ id: string }>(
        '/intake-slips',
        compact({
          clientTxId: intent.txId('slip'),
          kind: 'supplement',
          siteId: props.siteId,
          procedureId: props.procedureId,
          applicantName: props.applicantName?.trim() || '—',
          applicantPhone: blank(props.applicantPhone),
          items: names,
          reason: t('intake.slipReason'),
        }),
        { idempotencyKey: intent.key },
      ),
    onSuccess: (result) => window.open(`/api/v1/intake-slips/${result.id}.pdf`, '_blank', 'noopener'),
  });
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('intake.incomplete')}
      description={
        <>
          <ul style={{ margin: '4px 0 8px' }} data-testid="missing-documents">
            {names.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
          <Space wrap>
            <Button
              icon={<FilePdfOutlined aria-hidden />}
              onClick={() => slip.mutate(undefined)}
              loading={slip.isPending}
              disabled={slip.isPending}
            >
              {t('intake.issueSlip')}
            </Button>
            {slip.isError ? <Typography.Text type="danger">{slip.error.message}</Typography.Text> : null}
          </Space>
        </>
      }
    />
  );
}

function IntakeDone({ dossier, onNext }: { dossier: DossierView; onNext: () => void }) {
  const { t } = useI18n();
  return (
    <Result
      status="success"
      title={
        <h1 style={{ fontSize: 24, margin: 0 }}>
          {t('intake.done')}: <span data-testid="dossier-code">{dossier.code}</span>
        </h1>
      }
      subTitle={
        <Descriptions
          column={1}
          size="small"
          style={{ maxWidth: 560, margin: '0 auto', textAlign: 'left' }}
          // Result's subtitle greys its text: the labels would fail colour contrast (WCAG AA 4.5:1).
          styles={{ label: { color: '#595959' }, content: { color: 'rgba(0, 0, 0, 0.88)' } }}
        >
          <Descriptions.Item label={t('dossier.applicant')}>{dossier.applicantName}</Descriptions.Item>
          <Descriptions.Item label={t('dossier.procedure')}>{dossier.procedureName}</Descriptions.Item>
          <Descriptions.Item label={t('dossier.appointment')}>
            <strong data-testid="appointment">{formatDateTime(dossier.appointmentAt)}</strong>
          </Descriptions.Item>
          {dossier.handoverDueAt ? (
            <Descriptions.Item label={t('dossier.handoverDue')}>
              {formatDateTime(dossier.handoverDueAt)}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('dossier.leadAgency')}>{dossier.leadAgency.name}</Descriptions.Item>
          {dossier.feeReceipts.length > 0 ? (
            <Descriptions.Item label={t('dossier.feePaid')}>
              {formatMoney(dossier.feeReceipts.reduce((s, r) => s + r.amount, 0))}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      }
      extra={
        <Space wrap style={{ justifyContent: 'center' }}>
          <Button
            type="primary"
            icon={<PrinterOutlined aria-hidden />}
            href={formUrl(dossier.id, 'receipt')}
            target="_blank"
            rel="noopener"
            autoFocus
          >
            {t('intake.printReceipt')}
          </Button>
          {dossier.feeReceipts.length > 0 ? (
            <Button
              icon={<PrinterOutlined aria-hidden />}
              href={formUrl(dossier.id, 'fee_receipt')}
              target="_blank"
              rel="noopener"
            >
              {t('intake.printFeeReceipt')}
            </Button>
          ) : null}
          <Link to={`/ho-so/${dossier.id}`}>{t('intake.openDossier')}</Link>
          <Button onClick={onNext}>{t('intake.next')}</Button>
        </Space>
      }
    />
  );
}
