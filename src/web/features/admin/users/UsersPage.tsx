import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { User, UserStatus } from '../../../api/types.ts';
import { errorMessage } from '../../../api/client.ts';
import { roleLabel } from '../../../layout/labels.ts';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { useUpdateUser, useUsers, type UserQuery } from './users.api.ts';

const STATUS: Record<UserStatus, { label: string; color: string }> = {
  active: { label: '正常', color: 'green' },
  disabled: { label: '已停用', color: 'default' },
  locked: { label: '已锁定', color: 'red' },
};

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User };

/** 用户管理: accounts within the administrator's jurisdiction (the server scopes the list). */
export function UsersPage() {
  const { message } = App.useApp();
  const [query, setQuery] = useState<UserQuery>({ q: '', page: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<Dialog>();
  const users = useUsers(query);
  const update = useUpdateUser();

  const setDisabled = async (user: User, disabled: boolean) => {
    try {
      await update.mutateAsync({ id: user.id, patch: { disabled } });
      void message.success(`${disabled ? '已停用' : '已启用'}用户 ${user.username}`);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', width: 120 },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (roles: string[]) => roles.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>),
    },
    {
      title: '辖区',
      dataIndex: 'jurisdictionName',
      render: (name: string, u) => (
        <Tooltip title={`区划代码 ${u.jurisdictionCode}`}>{name || u.jurisdictionCode}</Tooltip>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: UserStatus) => <Tag color={STATUS[s]?.color}>{STATUS[s]?.label ?? s}</Tag>,
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      width: 170,
      render: (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '从未登录'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_, u) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user: u })}>
            重置密码
          </Button>
          {u.status === 'disabled' ? (
            <Button type="link" size="small" onClick={() => void setDisabled(u, false)}>
              启用
            </Button>
          ) : (
            <Popconfirm
              title={`停用用户 ${u.username}？`}
              description="停用后该用户将无法登录，已有会话立即失效。"
              okText="停用"
              okButtonProps={{ danger: true }}
              onConfirm={() => setDisabled(u, true)}
            >
              <Button type="link" size="small" danger>
                停用
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title="用户管理">
      <Flex justify="space-between" gap={16} style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="搜索用户名或姓名"
          allowClear
          enterButton="搜索"
          style={{ maxWidth: 360 }}
          onSearch={(q) => setQuery((prev) => ({ ...prev, q: q.trim(), page: 1 }))}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
          新建用户
        </Button>
      </Flex>
      {users.isError && (
        <Alert type="error" showIcon title={errorMessage(users.error)} style={{ marginBottom: 16 }} />
      )}
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data?.items}
        loading={users.isFetching}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 个用户`,
          onChange: (page, pageSize) => setQuery((prev) => ({ ...prev, page, pageSize })),
        }}
      />
      {dialog?.kind === 'create' && <UserFormModal onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} onClose={() => setDialog(undefined)} />}
      {dialog?.kind === 'password' && (
        <ResetPasswordModal user={dialog.user} onClose={() => setDialog(undefined)} />
      )}
    </Card>
  );
}
