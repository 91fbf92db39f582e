import {
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  FileAddOutlined,
  GlobalOutlined,
  LogoutOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { type ReactNode, Suspense } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Loading } from '../App.tsx';
import { useAuth, workplaces } from '../auth.tsx';
import { type MessageKey, useI18n } from '../i18n.ts';
import { SECTION_LABELS, type Section, sectionsOf } from '../roles.ts';

const ICONS: Record<Section, ReactNode> = {
  overview: <DashboardOutlined />,
  intake: <FileAddOutlined />,
  catalog: <AppstoreOutlined />,
  org: <BankOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
};

/** The switch between Vietnamese and English, shown on every page. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      icon={<GlobalOutlined />}
      type={dark ? 'default' : 'text'}
      lang={lang === 'vi' ? 'en' : 'vi'}
      title={t('lang.switchLabel')}
      onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
    >
      {t('lang.switch')}
    </Button>
  );
}

/** Side menu by role, the user's name, role and site in the header, sign-out. */
export function ConsoleLayout() {
  const { t } = useI18n();
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  if (!user) return null;
  const roles = user.roles.map((r) => r.role);
  const sections = sectionsOf(roles);
  const current = location.pathname.split('/')[1] ?? '';
  const roleNames = [...new Set(roles)].map((r) => t(`role.${r}` as MessageKey)).join(', ');
  const sites = workplaces(user);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('header.skip')}
      </a>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        width={232}
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div className="console-brand">
          {t('app.name')}
          <small>{t('app.subtitle')}</small>
        </div>
        <nav aria-label={t('nav.label')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[current]}
            items={sections.map((s) => ({ key: s, icon: ICONS[s], label: t(SECTION_LABELS[s]) }))}
            onClick={({ key }) => navigate(`/${key}`)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header">
          <div className="who" data-testid="current-user">
            <Typography.Text strong>{user.fullName}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {roleNames}
              {sites.length > 0 ? ` · ${sites.join(', ')}` : ''}
            </Typography.Text>
          </div>
          <Space>
            <LanguageSwitch />
            <Button
              icon={<LogoutOutlined />}
              onClick={async () => {
                await signOut();
                navigate('/login', { replace: true });
              }}
            >
              {t('header.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} className="console-main">
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
