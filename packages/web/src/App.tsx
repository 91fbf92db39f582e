import { Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.ts';
import { ConsoleLayout } from './layout/ConsoleLayout.tsx';
import { type DossierSection, homeKey, mayOpen } from './pages/dossiers/sections.ts';
import { Forbidden } from './pages/Forbidden.tsx';
import { type Section, sectionsOf } from './roles.ts';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const CatalogPage = lazy(() => import('./pages/CatalogPage.tsx'));
const OrgPage = lazy(() => import('./pages/OrgPage.tsx'));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx'));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx'));
const OverviewPage = lazy(() => import('./pages/OverviewPage.tsx'));
const IntakePage = lazy(() => import('./pages/dossiers/IntakePage.tsx'));
const BookPage = lazy(() => import('./pages/dossiers/BookPage.tsx'));
const DossierPage = lazy(() => import('./pages/dossiers/DossierPage.tsx'));
const HandoverPage = lazy(() => import('./pages/dossiers/HandoverPage.tsx'));
const InboxPage = lazy(() => import('./pages/dossiers/InboxPage.tsx'));
const PostalPage = lazy(() => import('./pages/postal/PostalPage.tsx'));

export function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

function RequireUser({ children }: { children: ReactNode }) {
  const { user, loading } = useAuth();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}

/** Renders the section when one of the user's roles has it, the 403 page otherwise. */
function Guard({ section, children }: { section: Section; children: ReactNode }) {
  const { user } = useAuth();
  if (!user || !sectionsOf(user.roles.map((r) => r.role)).includes(section)) return <Forbidden />;
  return <>{children}</>;
}

/** Renders a dossier page when one of the user's roles may open it, the 403 page otherwise. */
function DossierGuard({ section, children }: { section: DossierSection; children: ReactNode }) {
  const { user } = useAuth();
  if (
    !user ||
    !mayOpen(
      user.roles.map((r) => r.role),
      section,
    )
  )
    return <Forbidden />;
  return <>{children}</>;
}

function Home() {
  const { user } = useAuth();
  const first = user ? homeKey(user.roles.map((r) => r.role)) : undefined;
  return <Navigate to={first ? `/${first}` : '/catalog'} replace />;
}

function NotFound() {
  const { t } = useI18n();
  return <Result status="404" title={<h1 className="ant-result-title">{t('notFound.title')}</h1>} />;
}

export function App() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/"
          element={
            <RequireUser>
              <ConsoleLayout />
            </RequireUser>
          }
        >
          <Route index element={<Home />} />
          <Route
            path="catalog"
            element={
              <Guard section="catalog">
                <CatalogPage />
              </Guard>
            }
          />
          <Route
            path="org"
            element={
              <Guard section="org">
                <OrgPage />
              </Guard>
            }
          />
          <Route
            path="users"
            element={
              <Guard section="users">
                <UsersPage />
              </Guard>
            }
          />
          <Route
            path="audit"
            element={
              <Guard section="audit">
                <AuditPage />
              </Guard>
            }
          />
          <Route path="tiep-nhan" element={<Navigate to="/intake" replace />} />
          <Route
            path="intake"
            element={
              <DossierGuard section="intake">
                <IntakePage />
              </DossierGuard>
            }
          />
          <Route
            path="xu-ly"
            element={
              <DossierGuard section="xu-ly">
                <InboxPage />
              </DossierGuard>
            }
          />
          <Route
            path="ho-so"
            element={
              <DossierGuard section="ho-so">
                <BookPage />
              </DossierGuard>
            }
          />
          <Route
            path="ho-so/:id"
            element={
              <DossierGuard section="ho-so">
                <DossierPage />
              </DossierGuard>
            }
          />
          <Route
            path="ban-giao"
            element={
              <DossierGuard section="ban-giao">
                <HandoverPage />
              </DossierGuard>
            }
          />
          <Route
            path="overview"
            element={
              <Guard section="overview">
                <OverviewPage />
              </Guard>
            }
          />
          <Route
            path="buu-chinh"
            element={
              <Guard section="buu-chinh">
                <PostalPage />
              </Guard>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
