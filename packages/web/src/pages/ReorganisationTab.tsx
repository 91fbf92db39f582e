import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Popconfirm, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, api, type FieldError } from '../api.ts';
import { ProblemAlert } from '../components.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { useI18n } from '../i18n.ts';
import { useIntentMutation } from '../intent.ts';

/** The answer of `POST /org/reorganisations` (modules/org/reorganise.ts `ReorganisationPlan`). */
interface Plan {
  date: string;
  lastDayBefore: string;
  appliedBefore: boolean;
  sites: { id: string; code: string; name: string; toUnitName: string }[];
  agencies: { id: string; code: string; name: string; successorName: string }[];
  grants: { id: string; username: string; role: string }[];
  dossiers: { id: string; code: string }[];
  unresolved: {
    kind: string;
    id: string;
    code: string;
    name: string;
    reason: { vi: string; en: string };
  }[];
  counts: { sites: number; agencies: number; grants: number; dossiers: number; unresolved: number };
}

interface Applied {
  date: string;
  appliedAt: string;
  appliedBy: string | null;
  summary: Record<string, unknown>;
}

type Problem = { message: string; fields: FieldError[] };
const problemOf = (e: Error): Problem => ({
  message: e.message,
  fields: e instanceof ApiError ? e.fields : [],
});

/** The date of the 2025 reform: the first day without districts (docs/organisation.md). */
const REFORM_DATE = '2025-07-01';

/**
 * Sắp xếp tổ chức (administrators only): preview what applying the reorganisation of a date would
 * change, apply it after a confirmation (one key per intent), and the reorganisations applied so far.
 */
export function ReorganisationTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [date, setDate] = useState<Dayjs>(dayjs(REFORM_DATE));
  const [plan, setPlan] = useState<Plan | null>(null);
  const [applied, setApplied] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const iso = date.format('YYYY-MM-DD');

  const history = useQuery({
    queryKey: ['reorganisations'],
    queryFn: ({ signal }) => api.get<Applied[]>('/org/reorganisations', undefined, signal),
  });

  // A preview writes nothing: a fresh key per click is harmless.
  const preview = useMutation({
    mutationFn: (d: string) => api.post<Plan>('/org/reorganisations', { date: d, apply: false }),
    onSuccess: (p) => {
      setPlan(p);
      setApplied(false);
    },
    onError: (e) => setProblem(problemOf(e)),
  });

  // Applying is one intent: a double click or a retry sends the same key (the server replays it).
  const apply = useIntentMutation({
    mutationFn: (d: string, intent) =>
      api.post<Plan>('/org/reorganisations', { date: d, apply: true }, { idempotencyKey: intent.key }),
    onSuccess: async (p) => {
      setPlan(p);
      setApplied(true);
      message.success(t('reorg.applied'));
      await queryClient.invalidateQueries({ queryKey: ['reorganisations'] });
      await queryClient.invalidateQueries({ queryKey: ['agencies'] });
      await queryClient.invalidateQueries({ queryKey: ['service-points'] });
      apply.renew();
    },
    onError: (e) => setProblem(problemOf(e)),
  });

  const planIsCurrent = plan !== null && plan.date === iso && !applied;
  const nothingToDo =
    plan !== null &&
    plan.counts.sites + plan.counts.agencies + plan.counts.grants + plan.counts.dossiers === 0;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('reorg.intro')}</Typography.Paragraph>
      <Space wrap align="end">
        <div>
          <label htmlFor="reorg-date" style={{ display: 'block', marginBottom: 4 }}>
            {t('reorg.date')}
          </label>
          <DatePicker
            id="reorg-date"
            value={date}
            format="DD/MM/YYYY"
            allowClear={false}
            onChange={(d) => {
              if (!d) return;
              setDate(d);
              setPlan(null);
              setProblem(null);
            }}
          />
        </div>
        <Button
          loading={preview.isPending}
          disabled={preview.isPending}
          onClick={() => {
            setProblem(null);
            preview.mutate(iso);
          }}
        >
          {t('reorg.preview')}
        </Button>
        <Popconfirm
          title={t('reorg.confirmTitle', { date: formatDate(iso) })}
          description={t('reorg.confirmBody')}
          okText={t('reorg.apply')}
          cancelText={t('common.cancel')}
          onConfirm={() => {
            setProblem(null);
            apply.mutate(iso);
          }}
          disabled={!planIsCurrent || nothingToDo}
        >
          <Button
            type="primary"
            danger
            loading={apply.isPending}
            disabled={!planIsCurrent || nothingToDo || apply.isPending}
          >
            {t('reorg.apply')}
          </Button>
        </Popconfirm>
      </Space>
      {problem ? <ProblemAlert problem={problem} /> : null}
      {plan ? <PlanView plan={plan} applied={applied} nothingToDo={nothingToDo} /> : null}
      <section aria-labelledby="reorg-history">
        <Typography.Title level={3} id="reorg-history" style={{ fontSize: 18 }}>
          {t('reorg.history')}
        </Typography.Title>
        <Table<Applied>
          rowKey={(r) => `${r.date}:${r.appliedAt}`}
          size="small"
          loading={history.isLoading}
          dataSource={history.data}
          pagination={false}
          locale={{ emptyText: t('reorg.noneApplied') }}
          columns={[
            { key: 'date', title: t('reorg.effectiveDate'), render: (_, r) => formatDate(r.date) },
            { key: 'at', title: t('reorg.appliedAt'), render: (_, r) => formatDateTime(r.appliedAt) },
            {
              key: 'by',
              title: t('reorg.appliedBy'),
              render: (_, r) => r.appliedBy ?? t('reorg.commandLine'),
            },
            {
              key: 'summary',
              title: t('reorg.summary'),
              render: (_, r) => {
                const s = r.summary as Partial<Plan['counts']>;
                return t('reorg.summaryText', {
                  sites: Number(s.sites ?? 0),
                  agencies: Number(s.agencies ?? 0),
                  grants: Number(s.grants ?? 0),
                  dossiers: Number(s.dossiers ?? 0),
                });
              },
            },
          ]}
        />
      </section>
    </Space>
  );
}

function PlanView({ plan, applied, nothingToDo }: { plan: Plan; applied: boolean; nothingToDo: boolean }) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="reorg-plan">
      <Typography.Title level={3} id="reorg-plan" style={{ fontSize: 18 }}>
        {t(applied ? 'reorg.appliedTitle' : 'reorg.planTitle', { date: formatDate(plan.date) })}
      </Typography.Title>
      {nothingToDo && !applied ? (
        <Alert type="info" showIcon title={t('reorg.nothingToDo')} style={{ marginBottom: 16 }} />
      ) : null}
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16, maxWidth: 560 }}>
        <Descriptions.Item label={t('reorg.countSites')}>{plan.counts.sites}</Descriptions.Item>
        <Descriptions.Item label={t('reorg.countAgencies')}>{plan.counts.agencies}</Descriptions.Item>
        <Descriptions.Item label={t('reorg.countGrants')}>{plan.counts.grants}</Descriptions.Item>
        <Descriptions.Item label={t('reorg.countDossiers')}>{plan.counts.dossiers}</Descriptions.Item>
        <Descriptions.Item label={t('reorg.countUnresolved')}>{plan.counts.unresolved}</Descriptions.Item>
      </Descriptions>
      {plan.sites.length > 0 ? (
        <>
          <Typography.Title level={4} style={{ fontSize: 16 }}>
            {t('reorg.sites')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={plan.sites}
            style={{ marginBottom: 16 }}
            columns={[
              { key: 'code', title: t('common.code'), dataIndex: 'code' },
              { key: 'name', title: t('common.name'), dataIndex: 'name' },
              { key: 'to', title: t('reorg.newUnit'), dataIndex: 'toUnitName' },
            ]}
          />
        </>
      ) : null}
      {plan.agencies.length > 0 ? (
        <>
          <Typography.Title level={4} style={{ fontSize: 16 }}>
            {t('reorg.agencies')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={plan.agencies}
            style={{ marginBottom: 16 }}
            columns={[
              { key: 'code', title: t('common.code'), dataIndex: 'code' },
              { key: 'name', title: t('reorg.closedAgency'), dataIndex: 'name' },
              { key: 'successor', title: t('reorg.successor'), dataIndex: 'successorName' },
            ]}
          />
        </>
      ) : null}
      {plan.grants.length > 0 ? (
        <>
          <Typography.Title level={4} style={{ fontSize: 16 }}>
            {t('reorg.grants')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={plan.grants}
            style={{ marginBottom: 16 }}
            columns={[
              { key: 'user', title: t('reorg.user'), dataIndex: 'username' },
              { key: 'role', title: t('reorg.role'), dataIndex: 'role' },
            ]}
          />
        </>
      ) : null}
      {plan.dossiers.length > 0 ? (
        <>
          <Typography.Title level={4} style={{ fontSize: 16 }}>
            {t('reorg.dossiers')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={plan.dossiers}
            style={{ marginBottom: 16 }}
            columns={[{ key: 'code', title: t('reorg.dossierCode'), dataIndex: 'code' }]}
          />
        </>
      ) : null}
      {plan.unresolved.length > 0 ? (
        <>
          <Typography.Title level={4} style={{ fontSize: 16 }}>
            {t('reorg.unresolved')}
          </Typography.Title>
          <Typography.Paragraph>{t('reorg.unresolvedHelp')}</Typography.Paragraph>
          <Table
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={plan.unresolved}
            columns={[
              { key: 'code', title: t('common.code'), dataIndex: 'code' },
              { key: 'name', title: t('common.name'), dataIndex: 'name' },
              {
                key: 'reason',
                title: t('reorg.reason'),
                render: (_: unknown, row: Plan['unresolved'][number]) => row.reason[lang],
              },
            ]}
          />
        </>
      ) : null}
    </section>
  );
}
