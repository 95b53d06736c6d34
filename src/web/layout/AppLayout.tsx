import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  HeartOutlined,
  LogoutOutlined,
  MoneyCollectOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TableOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Spin, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useSession } from '../session/session.ts';
import { jurisdictionText, roleLabel } from './labels.ts';
import { navItemFor, openGroupsFor, visibleNav, type NavItem } from './nav.ts';

const ICONS: Record<string, ReactNode> = {
  '/': <DashboardOutlined />,
  '/children': <SolutionOutlined />,
  '/ledger': <TableOutlined />,
  '/applications': <FileTextOutlined />,
  '/reviews': <FileDoneOutlined />,
  '/payroll': <MoneyCollectOutlined />,
  '/matching': <FileSearchOutlined />,
  '/visits': <AlertOutlined />,
  '/services': <HeartOutlined />,
  '/reports': <BarChartOutlined />,
  '/admin': <SettingOutlined />,
  '/admin/users': <TeamOutlined />,
  '/admin/audit': <AuditOutlined />,
  '/admin/policies': <SafetyCertificateOutlined />,
};

type MenuItem = Required<MenuProps>['items'][number];

function toMenuItems(items: readonly NavItem[]): MenuItem[] {
  return items.map((i) => ({
    key: i.path,
    icon: ICONS[i.path],
    label: i.label,
    ...(i.children ? { children: toMenuItems(i.children) } : {}),
  }));
}

export function AppLayout() {
  const { me, permissions } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(false);
  const [openKeys, setOpenKeys] = useState(() => openGroupsFor(pathname));

  const menuItems = useMemo(() => toMenuItems(visibleNav(permissions)), [permissions]);
  const selected = navItemFor(pathname)?.path;
  const jurisdiction = jurisdictionText(me.jurisdiction);

  const onLogout = async () => {
    await logout();
    void navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208} theme="dark">
        <Flex align="center" justify="center" gap={8} style={{ height: 64, color: '#fff' }}>
          <SafetyCertificateOutlined style={{ fontSize: 22 }} />
          {!collapsed && <span style={{ fontSize: 20, fontWeight: 600, letterSpacing: 4 }}>童保</span>}
        </Flex>
        <Menu
          data-testid="side-menu"
          theme="dark"
          mode="inline"
          items={menuItems}
          selectedKeys={selected ? [selected] : []}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={setOpenKeys}
          onClick={({ key }) => void navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }}>
            困境儿童分类保障信息系统
          </Typography.Text>
          <Flex align="center" gap={16}>
            <Tooltip title={me.jurisdiction.code ? `辖区代码 ${me.jurisdiction.code}` : undefined}>
              <span data-testid="jurisdiction">
                <EnvironmentOutlined /> {jurisdiction}
              </span>
            </Tooltip>
            <span>
              {me.roles.map((r) => (
                <Tag key={r} color="blue">
                  {roleLabel(r)}
                </Tag>
              ))}
            </span>
            <span data-testid="display-name">
              <UserOutlined /> {me.displayName}
            </span>
            <Button data-testid="logout" icon={<LogoutOutlined />} onClick={() => void onLogout()}>
              退出登录
            </Button>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Suspense
            fallback={
              <Flex align="center" justify="center" style={{ minHeight: 240 }}>
                <Spin />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
