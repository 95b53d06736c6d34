import { useQueryClient } from '@tanstack/react-query';
import { Flex, Result, Spin } from 'antd';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { setUnauthenticatedHandler } from './api/client.ts';
import { ComingSoon } from './components/ComingSoon.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { canOpen, NAV, visibleNav } from './layout/nav.ts';
import { RequireSession } from './session/RequireSession.tsx';
import { useSession } from './session/session.ts';

// Pages load on demand so the shell stays small (and charts never ride in the main chunk).
const LoginPage = lazy(() => import('./features/auth/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const DashboardPage = lazy(() =>
  import('./features/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);
const UsersPage = lazy(() =>
  import('./features/admin/users/UsersPage.tsx').then((m) => ({ default: m.UsersPage })),
);
const ChildrenPage = lazy(() =>
  import('./features/children/ChildrenPage.tsx').then((m) => ({ default: m.ChildrenPage })),
);
const ChildFilePage = lazy(() =>
  import('./features/children/ChildFilePage.tsx').then((m) => ({ default: m.ChildFilePage })),
);
const ApplicationsPage = lazy(() =>
  import('./features/applications/ApplicationsPage.tsx').then((m) => ({ default: m.ApplicationsPage })),
);
const NewApplicationPage = lazy(() =>
  import('./features/applications/NewApplicationPage.tsx').then((m) => ({ default: m.NewApplicationPage })),
);
const ApplicationDetailPage = lazy(() =>
  import('./features/applications/ApplicationDetailPage.tsx').then((m) => ({
    default: m.ApplicationDetailPage,
  })),
);
const ReviewsPage = lazy(() =>
  import('./features/reviews/ReviewsPage.tsx').then((m) => ({ default: m.ReviewsPage })),
);
const ReviewDetailPage = lazy(() =>
  import('./features/reviews/ReviewDetailPage.tsx').then((m) => ({ default: m.ReviewDetailPage })),
);
const AuditPage = lazy(() =>
  import('./features/admin/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })),
);
const PoliciesPage = lazy(() =>
  import('./features/policies/PoliciesPage.tsx').then((m) => ({ default: m.PoliciesPage })),
);

const PayrollPage = lazy(() =>
  import('./features/payroll/PayrollPage.tsx').then((m) => ({ default: m.PayrollPage })),
);
const PayrollRunPage = lazy(() =>
  import('./features/payroll/PayrollRunPage.tsx').then((m) => ({ default: m.PayrollRunPage })),
);
const LedgerPage = lazy(() =>
  import('./features/ledger/LedgerPage.tsx').then((m) => ({ default: m.LedgerPage })),
);
const MatchingPage = lazy(() =>
  import('./features/matching/MatchingPage.tsx').then((m) => ({ default: m.MatchingPage })),
);
const LeadDetailPage = lazy(() =>
  import('./features/matching/LeadDetailPage.tsx').then((m) => ({ default: m.LeadDetailPage })),
);

/** Sends an expired session to /login, remembering where the user was. */
function UnauthenticatedRedirect() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      const { pathname, search } = window.location;
      if (pathname === '/login') return;
      queryClient.clear();
      void navigate('/login', { replace: true, state: { from: pathname + search } });
    });
  }, [navigate, queryClient]);
  return null;
}

/** Shows a page only when the menu would offer it; the server enforces the same rule again. */
function Guard({ children }: { children: ReactNode }) {
  const { permissions } = useSession();
  const { pathname } = useLocation();
  if (!canOpen(pathname, permissions)) {
    return (
      <Result status="403" title="无权访问" subTitle="您的角色没有此功能的权限，如需开通请联系系统管理员。" />
    );
  }
  return <>{children}</>;
}

/** /admin lands on the first administration page this user may open. */
function AdminIndex() {
  const { permissions } = useSession();
  const admin = visibleNav(permissions).find((i) => i.path === '/admin');
  const first = admin?.children?.[0];
  return first ? <Navigate to={first.path} replace /> : <Guard>{null}</Guard>;
}

const PageFallback = (
  <Flex align="center" justify="center" style={{ minHeight: 240 }}>
    <Spin />
  </Flex>
);

const leafLabel = (path: string) =>
  NAV.flatMap((i) => [i, ...(i.children ?? [])]).find((i) => i.path === path)?.label ?? '';

const comingSoon = ['/visits', '/services', '/reports'];

export function AppRoutes() {
  return (
    <>
      <UnauthenticatedRedirect />
      <Suspense fallback={PageFallback}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            element={
              <RequireSession>
                <AppLayout />
              </RequireSession>
            }
          >
            <Route index element={<DashboardPage />} />
            {comingSoon.map((path) => (
              <Route
                key={path}
                path={path}
                element={
                  <Guard>
                    <ComingSoon title={leafLabel(path)} />
                  </Guard>
                }
              />
            ))}
            {(
              [
                ['/children', <ChildrenPage />],
                ['/children/:id', <ChildFilePage />],
                ['/ledger', <LedgerPage />],
                ['/applications', <ApplicationsPage />],
                ['/applications/new', <NewApplicationPage />],
                ['/applications/:id', <ApplicationDetailPage />],
                ['/reviews', <ReviewsPage />],
                ['/reviews/:id', <ReviewDetailPage />],
                ['/matching', <MatchingPage />],
                ['/payroll', <PayrollPage />],
                ['/payroll/runs/:id', <PayrollRunPage />],
                ['/matching/leads/:id', <LeadDetailPage />],
              ] as const
            ).map(([path, page]) => (
              <Route key={path} path={path} element={<Guard>{page}</Guard>} />
            ))}
            <Route path="/admin" element={<AdminIndex />} />
            <Route
              path="/admin/users"
              element={
                <Guard>
                  <UsersPage />
                </Guard>
              }
            />
            <Route
              path="/admin/audit"
              element={
                <Guard>
                  <AuditPage />
                </Guard>
              }
            />
            <Route
              path="/admin/policies"
              element={
                <Guard>
                  <PoliciesPage />
                </Guard>
              }
            />
            <Route
              path="*"
              element={<Result status="404" title="页面不存在" subTitle="请从左侧菜单选择功能。" />}
            />
          </Route>
        </Routes>
      </Suspense>
    </>
  );
}
