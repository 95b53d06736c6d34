import { Button, Flex, Result, Spin } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { effectivePermissions } from '../layout/nav.ts';
import { SessionContext, useMeQuery } from './session.ts';

/** Renders its children only for a signed-in user; a 401 is sent to /login by the API client. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { data: me, error, refetch, isPending } = useMeQuery();
  const session = useMemo(() => (me ? { me, permissions: effectivePermissions(me) } : undefined), [me]);

  if (session) return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
  if (isPending || (error instanceof ApiError && error.status === 401)) {
    return (
      <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
        <Spin size="large" />
      </Flex>
    );
  }
  return (
    <Result
      status="error"
      title="无法加载当前用户信息"
      subTitle={error?.message}
      extra={
        <Button type="primary" onClick={() => void refetch()}>
          重试
        </Button>
      }
    />
  );
}
