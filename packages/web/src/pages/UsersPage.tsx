import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import { ApiError, api, applyFieldErrors, clearServerErrors, type FieldError, type Paged } from '../api.ts';
import { ME_KEY, type Profile, useAuth } from '../auth.tsx';
import { ActiveTag, PageTitle, serverPagination } from '../components.tsx';
import { formatDateTime } from '../format.ts';
import { useDebounced, usePaging } from '../hooks.ts';
import { type MessageKey, useI18n } from '../i18n.ts';
import { useIntentMutation } from '../intent.ts';
import { RemoteSelect } from '../RemoteSelect.tsx';
import { canAdminister, type Role } from '../roles.ts';
import { LoadError } from './Forbidden.tsx';

type User = Profile & { active: boolean; failedSignIns: number; lockedUntil: string | null };

const ROLES: Role[] = ['admin', 'supervisor', 'clerk', 'courier', 'officer', 'leader', 'auditor', 'partner'];

/** Người dùng: staff accounts, their roles and where each role applies. */
export default function UsersPage() {
  const { t } = useI18n();
  const { user: me } = useAuth();
  const isAdmin = canAdminister(me?.roles.map((r) => r.role) ?? []);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const paging = usePaging(20);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [editing, setEditing] = useState<User | null>(null);
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const list = useQuery({
    queryKey: ['users', q, paging.page, paging.pageSize],
    queryFn: ({ signal }) =>
      api.get<Paged<User>>(
        '/users',
        { q: q || undefined, page: paging.page, pageSize: paging.pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const setActive = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.patch<User>(`/users/${id}`, { active }),
    onSuccess: async () => {
      message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (error) => message.error(error.message),
  });
  const unlock = useMutation({
    mutationFn: (id: string) => api.post<User>(`/users/${id}/unlock`),
    onSuccess: async () => {
      message.success(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (error) => message.error(error.message),
  });

  if (list.isError && !list.data) return <LoadError error={list.error} onRetry={() => list.refetch()} />;

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', width: 170 },
    { title: t('users.fullName'), dataIndex: 'fullName' },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_, u) => (
        <Space direction="vertical" size={2}>
          {u.roles.map((r) => {
            const scope = r.servicePoint?.name ?? r.agency?.name ?? r.unit?.name;
            return (
              <span key={`${r.role}-${scope ?? ''}`}>
                <Tag color={r.role === 'admin' ? 'volcano' : 'blue'}>{t(`role.${r.role}` as MessageKey)}</Tag>
                {scope}
              </span>
            );
          })}
        </Space>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      width: 150,
      render: (a: boolean, u) => (
        <Space direction="vertical" size={2}>
          <ActiveTag active={a} />
          {u.lockedUntil ? (
            <Tag color="orange">{t('users.signInLocked', { time: formatDateTime(u.lockedUntil) })}</Tag>
          ) : null}
        </Space>
      ),
    },
  ];
  if (isAdmin) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 320,
      render: (_, u) => (
        <Space wrap>
          <Button size="small" onClick={() => setEditing(u)}>
            {t('common.edit')}
          </Button>
          <Button size="small" onClick={() => setResetting(u)}>
            {t('users.resetPassword')}
          </Button>
          {u.lockedUntil || u.failedSignIns > 0 ? (
            <Button size="small" onClick={() => unlock.mutate(u.id)} loading={unlock.isPending}>
              {t('users.unlockSignIn')}
            </Button>
          ) : null}
          {u.active ? (
            <Popconfirm
              title={t('users.deactivateConfirm', { name: u.fullName })}
              okText={t('users.deactivate')}
              cancelText={t('common.cancel')}
              onConfirm={() => setActive.mutate({ id: u.id, active: false })}
              disabled={u.id === me?.id}
            >
              <Button size="small" danger disabled={u.id === me?.id}>
                {t('users.deactivate')}
              </Button>
            </Popconfirm>
          ) : (
            <Button
              size="small"
              loading={setActive.isPending && setActive.variables?.id === u.id}
              onClick={() => setActive.mutate({ id: u.id, active: true })}
            >
              {t('users.activate')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageTitle
        extra={
          isAdmin ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          ) : null
        }
      >
        {t('users.title')}
      </PageTitle>
      <div style={{ maxWidth: 420, marginBottom: 16 }}>
        <label htmlFor="user-search" style={{ display: 'block', marginBottom: 4 }}>
          {t('users.search')}
        </label>
        <Input
          id="user-search"
          type="search"
          allowClear
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            paging.reset();
          }}
        />
      </div>
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        pagination={serverPagination(paging, list.data?.total, t)}
        scroll={{ x: 900 }}
      />
      <Drawer
        open={creating}
        onClose={() => setCreating(false)}
        title={t('users.create')}
        size={640}
        closable={{ 'aria-label': t('common.close') }}
        destroyOnHidden
      >
        <CreateUserForm onDone={() => setCreating(false)} />
      </Drawer>
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('users.edit', { username: editing.username }) : ''}
        size={640}
        closable={{ 'aria-label': t('common.close') }}
        destroyOnHidden
      >
        {editing ? <EditUserForm key={editing.id} user={editing} onDone={() => setEditing(null)} /> : null}
      </Drawer>
      {resetting ? <ResetPassword user={resetting} onClose={() => setResetting(null)} /> : null}
    </>
  );
}

interface GrantValues {
  role: Role;
  servicePointId?: string | null;
  agencyId?: string | null;
  unitId?: string | null;
}

interface CreateValues {
  username: string;
  fullName: string;
  password: string;
  email?: string;
  phone?: string;
  roles: GrantValues[];
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

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [others, setOthers] = useState<FieldError[]>([]);
  // One key per opening of the dialog (it is destroyed when closed): a double click creates one user.
  const create = useIntentMutation({
    mutationFn: (values: CreateValues, intent) =>
      api.post<User>(
        '/users',
        {
          username: values.username.trim().toLowerCase(),
          fullName: values.fullName.normalize('NFC').trim(),
          password: values.password,
          email: values.email?.trim() || null,
          phone: values.phone?.trim() || null,
          roles: values.roles.map((r) => ({
            role: r.role,
            servicePointId: r.servicePointId ?? null,
            agencyId: r.agencyId ?? null,
            unitId: r.unitId ?? null,
          })),
        },
        { idempotencyKey: intent.key },
      ),
    onSuccess: async (user) => {
      message.success(t('users.created', { name: user.fullName }));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onDone();
    },
    onError: (e) => {
      setOthers(applyFieldErrors(form, e));
      setError(e.message);
    },
  });

  return (
    <Form<CreateValues>
      form={form}
      layout="vertical"
      initialValues={{ roles: [{ role: 'clerk' }] }}
      onValuesChange={(changed) => clearServerErrors(form, changed)}
      onFinish={(values) => {
        setError(null);
        create.mutate(values);
      }}
    >
      <ErrorBox error={error} others={others} />
      <Form.Item label={t('users.username')} name="username" rules={[{ required: true }]}>
        <Input autoComplete="off" spellCheck={false} />
      </Form.Item>
      <Form.Item label={t('users.fullName')} name="fullName" rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item label={t('users.password')} name="password" rules={[{ required: true, min: 10 }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Space wrap>
        <Form.Item label={t('users.email')} name="email" rules={[{ type: 'email' }]}>
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Form.Item label={t('users.phone')} name="phone">
          <Input style={{ width: 200 }} />
        </Form.Item>
      </Space>
      <RoleGrantsEditor />
      <Space>
        <Button type="primary" htmlType="submit" loading={create.isPending} disabled={create.isPending}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** Labels of the sites, agencies and units a user already has, by id (the selects show them before any search). */
type ScopeLabels = Record<string, string>;

const refLabel = (ref: { code: string; name: string }) =>
  ref.name.includes(ref.code) ? ref.name : `${ref.name} (${ref.code})`;

function scopeLabelsOf(user: User): ScopeLabels {
  const labels: ScopeLabels = {};
  for (const r of user.roles) {
    for (const ref of [r.servicePoint, r.agency, r.unit]) if (ref) labels[ref.id] = refLabel(ref);
  }
  return labels;
}

/** A `RemoteSelect` for a form item that shows the known name of the current value. */
function ScopeSelect({
  labels,
  ...props
}: {
  endpoint: string;
  labels?: ScopeLabels;
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
}) {
  return <RemoteSelect {...props} initialLabel={props.value ? labels?.[props.value] : undefined} />;
}

/**
 * The `roles` list of the create and edit forms: each grant with its role and the service point,
 * agency or administrative unit it applies to. `allowEmpty` lets every role be removed (the edit
 * form, where the server has the last word and `error` shows its refusal).
 */
function RoleGrantsEditor({
  labels,
  allowEmpty = false,
  error,
  onChange,
}: {
  labels?: ScopeLabels;
  allowEmpty?: boolean;
  error?: string | null;
  onChange?: () => void;
}) {
  const { t } = useI18n();
  return (
    <Form.List name="roles">
      {(fields, { add, remove }) => (
        <div>
          {fields.length === 0 ? <p style={{ marginTop: 0 }}>{t('users.noRoles')}</p> : null}
          {fields.map((field, i) => (
            <fieldset
              key={field.key}
              style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: 12, marginBottom: 12 }}
            >
              <legend style={{ fontSize: 14, width: 'auto', margin: 0, padding: '0 4px', border: 0 }}>
                {t('users.role')} {i + 1}
              </legend>
              <Form.Item label={t('users.role')} name={[field.name, 'role']} rules={[{ required: true }]}>
                <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))} />
              </Form.Item>
              <Form.Item label={t('users.servicePoint')} name={[field.name, 'servicePointId']}>
                <ScopeSelect endpoint="/service-points" labels={labels} />
              </Form.Item>
              <Form.Item label={t('users.agency')} name={[field.name, 'agencyId']}>
                <ScopeSelect endpoint="/agencies" labels={labels} />
              </Form.Item>
              <Form.Item label={t('users.unit')} name={[field.name, 'unitId']}>
                <ScopeSelect endpoint="/units" labels={labels} />
              </Form.Item>
              {allowEmpty || fields.length > 1 ? (
                <Button
                  onClick={() => {
                    remove(field.name);
                    onChange?.();
                  }}
                >
                  {t('users.removeRole', { n: i + 1 })}
                </Button>
              ) : null}
            </fieldset>
          ))}
          <div role="alert" id="roles-error">
            {error ? <Form.ErrorList errors={[error]} /> : null}
          </div>
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => {
              add({ role: 'clerk' });
              onChange?.();
            }}
            style={{ marginBottom: 16 }}
          >
            {t('users.addRole')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

interface EditValues {
  fullName: string;
  email?: string | null;
  phone?: string | null;
  locale: 'vi' | 'en';
  roles: GrantValues[];
}

const grantOf = (g: GrantValues) => ({
  role: g.role,
  servicePointId: g.servicePointId ?? null,
  agencyId: g.agencyId ?? null,
  unitId: g.unitId ?? null,
});

function initialEditValues(user: User): EditValues {
  return {
    fullName: user.fullName,
    email: user.email ?? '',
    phone: user.phone ?? '',
    locale: user.locale === 'en' ? 'en' : 'vi',
    roles: user.roles.map((r) => ({
      role: r.role as Role,
      servicePointId: r.servicePoint?.id ?? null,
      agencyId: r.agency?.id ?? null,
      unitId: r.unit?.id ?? null,
    })),
  };
}

/** The PATCH body: only the fields whose value differs from the user as loaded. */
function userChanges(user: User, values: EditValues): Record<string, unknown> {
  const before = initialEditValues(user);
  const changes: Record<string, unknown> = {};
  const fullName = values.fullName.normalize('NFC').trim();
  if (fullName !== user.fullName) changes.fullName = fullName;
  const email = values.email?.trim() || null;
  if (email !== (user.email ?? null)) changes.email = email;
  const phone = values.phone?.trim() || null;
  if (phone !== (user.phone ?? null)) changes.phone = phone;
  if (values.locale !== before.locale) changes.locale = values.locale;
  const roles = (values.roles ?? []).map(grantOf);
  if (JSON.stringify(roles) !== JSON.stringify(before.roles.map(grantOf))) changes.roles = roles;
  return changes;
}

/** Edits a user's name, contacts, language and roles; sends only what changed. */
function EditUserForm({ user, onDone }: { user: User; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const [form] = Form.useForm<EditValues>();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [others, setOthers] = useState<FieldError[]>([]);
  const [rolesError, setRolesError] = useState<string | null>(null);
  const [labels] = useState(() => scopeLabelsOf(user));
  const update = useMutation({
    mutationFn: (changes: Record<string, unknown>) => api.patch<User>(`/users/${user.id}`, changes),
    onSuccess: async (saved) => {
      message.success(t('users.updated', { name: saved.fullName }));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      if (saved.id === me?.id) await queryClient.invalidateQueries({ queryKey: ME_KEY });
      onDone();
    },
    onError: (e) => {
      const unmatched = applyFieldErrors(form, e);
      const onRoles = e instanceof ApiError && e.fields.some((f) => f.field === 'roles');
      setRolesError(onRoles ? t('users.rolesRequired') : null);
      setOthers(unmatched.filter((f) => f.field !== 'roles'));
      setError(e.message);
    },
  });

  return (
    <Form<EditValues>
      form={form}
      name="editUser"
      layout="vertical"
      initialValues={initialEditValues(user)}
      onFinish={(values) => {
        setError(null);
        setOthers([]);
        setRolesError(null);
        const changes = userChanges(user, values);
        if (Object.keys(changes).length === 0) {
          message.info(t('users.noChanges'));
          onDone();
          return;
        }
        update.mutate(changes);
      }}
    >
      <ErrorBox error={error} others={others} />
      <p style={{ marginTop: 0 }}>
        {t('users.username')}: <strong>{user.username}</strong>
      </p>
      <Form.Item label={t('users.fullName')} name="fullName" rules={[{ required: true, whitespace: true }]}>
        <Input autoFocus />
      </Form.Item>
      <Space wrap>
        <Form.Item label={t('users.email')} name="email" rules={[{ type: 'email' }]}>
          <Input type="email" autoComplete="off" style={{ width: 260 }} />
        </Form.Item>
        <Form.Item label={t('users.phone')} name="phone">
          <Input type="tel" autoComplete="off" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label={t('users.locale')} name="locale">
          <Select
            style={{ width: 160 }}
            options={[
              { value: 'vi', label: t('users.locale.vi') },
              { value: 'en', label: t('users.locale.en') },
            ]}
          />
        </Form.Item>
      </Space>
      <RoleGrantsEditor labels={labels} allowEmpty error={rolesError} onChange={() => setRolesError(null)} />
      <Space>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function ResetPassword({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: (password: string) => api.patch<User>(`/users/${user.id}`, { password }),
    onSuccess: () => {
      message.success(t('users.passwordReset'));
      onClose();
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      setError(e instanceof ApiError ? e.message : String(e));
    },
  });
  return (
    <Modal
      open
      title={`${t('users.resetPassword')}: ${user.fullName}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v.password)}>
        <ErrorBox error={error} others={[]} />
        <Form.Item label={t('users.newPassword')} name="password" rules={[{ required: true, min: 10 }]}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
