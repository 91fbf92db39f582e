import {
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  DashboardOutlined,
  FileAddOutlined,
  FolderOpenOutlined,
  GlobalOutlined,
  InboxOutlined,
  LogoutOutlined,
  MenuOutlined,
  SendOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { cloneElement, isValidElement, type ReactNode, Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Loading } from '../App.tsx';
import { useAuth, workplaces } from '../auth.tsx';
import { type MessageKey, useI18n } from '../i18n.ts';
import { useLiveUpdates } from '../live.ts';
import { DOSSIER_SECTION_LABELS, type DossierSection, menuKeys } from '../pages/dossiers/sections.ts';
import { usePostalSites } from '../pages/postal/sites.ts';
import { SECTION_LABELS, type Section } from '../roles.ts';

const ICONS: Record<Section, ReactNode> = {
  overview: <DashboardOutlined />,
  intake: <FileAddOutlined />,
  catalog: <AppstoreOutlined />,
  org: <BankOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  'buu-chinh': <SendOutlined />,
};

const DOSSIER_ICONS: Record<DossierSection, ReactNode> = {
  intake: <FileAddOutlined />,
  'xu-ly': <InboxOutlined />,
  'ho-so': <FolderOpenOutlined />,
  'ban-giao': <SwapOutlined />,
};

/** An icon screen readers skip: the label next to it says it all ("Hồ sơ", not "folder-open Hồ sơ"). */
const quiet = (icon: ReactNode) =>
  isValidElement(icon) ? cloneElement(icon, { 'aria-hidden': true } as object) : icon;

/**
 * A menu key's icon and label: a dossier page or a section of `roles.ts`. The label is a real link
 * (`<a href>`): middle click, Ctrl+click and "open in new tab" work.
 */
function menuItem(key: string, t: (key: MessageKey) => string, onFollow: () => void) {
  const link = (text: string) => (
    <Link to={`/${key}`} onClick={onFollow}>
      {text}
    </Link>
  );
  if (key in DOSSIER_ICONS && key !== 'intake') {
    const s = key as DossierSection;
    return { key, icon: quiet(DOSSIER_ICONS[s]), label: link(t(DOSSIER_SECTION_LABELS[s])) };
  }
  const s = key as Section;
  return { key, icon: quiet(ICONS[s]), label: link(t(SECTION_LABELS[s])) };
}

/** The switch between Vietnamese and English, shown on every page. */
export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      icon={<GlobalOutlined aria-hidden />}
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
  // Below the lg breakpoint the menu folds away behind a header button and opens over the page.
  const [narrow, setNarrow] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const postal = usePostalSites(user);
  useLiveUpdates(Boolean(user));
  if (!user) return null;
  const roles = user.roles.map((r) => r.role);
  // Bưu chính: only for clerks of post-office-hosted sites (and administrators, supervisors).
  const sections = menuKeys(roles).filter((key) => key !== 'buu-chinh' || postal.allowed);
  const current = location.pathname.split('/')[1] ?? '';
  const roleNames = [...new Set(roles)].map((r) => t(`role.${r}` as MessageKey)).join(', ');
  const sites = workplaces(user);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('header.skip')}
      </a>
      {narrow && menuOpen ? (
        <button
          type="button"
          className="menu-backdrop"
          aria-label={t('nav.toggle')}
          onClick={() => setMenuOpen(false)}
        />
      ) : null}
      <Layout.Sider
        id="side-menu"
        breakpoint="lg"
        collapsible
        collapsed={narrow && !menuOpen}
        collapsedWidth={0}
        trigger={null}
        width={232}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setMenuOpen(false);
        }}
        style={
          narrow
            ? { position: 'fixed', left: 0, top: 0, height: '100vh', zIndex: 100 }
            : { position: 'sticky', top: 0, height: '100vh' }
        }
      >
        <div style={{ height: '100%', overflowY: 'auto' }}>
          <div className="console-brand">
            {t('app.name')}
            <small>{t('app.subtitle')}</small>
          </div>
          <nav aria-label={t('nav.label')}>
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={[current]}
              items={sections.map((key) => menuItem(key, t, () => setMenuOpen(false)))}
              // The link follows itself (and Ctrl+click opens a tab); Enter on the item and a click
              // beside the link text navigate here.
              onClick={({ key, domEvent }) => {
                setMenuOpen(false);
                if (!(domEvent.target as Element).closest?.('a')) navigate(`/${key}`);
              }}
            />
          </nav>
        </div>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header">
          {narrow ? (
            <Button
              icon={<MenuOutlined aria-hidden />}
              aria-label={t('nav.toggle')}
              aria-expanded={menuOpen}
              aria-controls="side-menu"
              onClick={() => setMenuOpen((open) => !open)}
            />
          ) : null}
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
              icon={<LogoutOutlined aria-hidden />}
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
