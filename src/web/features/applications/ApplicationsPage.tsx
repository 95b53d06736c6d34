import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Permission } from '../../../domain/access/roles.ts';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';
import { shortRegion } from '../children/ChildrenPage.tsx';
import {
  useAlerts,
  useApplications,
  type ApplicationQuery,
  type ApplicationSummary,
} from './applications.api.ts';
import { DeadlineTag } from './DeadlineTag.tsx';
import { RemoteTag } from './RemoteTag.tsx';
import { APPLICANT_KIND_LABELS, APPLICATION_STATUS_LABELS, STATUS_COLORS } from './labels.ts';

const TABS = [
  { key: 'open', label: '在办' },
  { key: 'approved', label: '已确认' },
  { key: 'refused', label: '不予认定' },
  { key: 'all', label: '全部' },
];

/** 申请审批: the work queue, most urgent first, with deadline colours and what the user may do. */
export function ApplicationsPage() {
  const navigate = useNavigate();
  const { permissions } = useSession();
  const [query, setQuery] = useState<ApplicationQuery>({ status: 'open', page: 1, pageSize: 20 });
  const list = useApplications(query);
  const alerts = useAlerts();

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      title: '申请编号',
      dataIndex: 'no',
      width: 140,
      render: (no: string, a) => <Link to={`/applications/${a.id}`}>{no}</Link>,
    },
    {
      title: '儿童',
      key: 'child',
      width: 190,
      render: (_, a) => (
        <>
          {/* The accepting side of a 跨省通办 case has no access to the child's file. */}
          {a.child.id ? <Link to={`/children/${a.child.id}`}>{a.child.name}</Link> : a.child.name}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {a.child.idNumberMasked ?? a.child.provisionalNo}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      title: '户籍地',
      key: 'hukou',
      render: (_, a) => (
        <>
          {shortRegion(a.child.hukouRegionName)}
          <RemoteTag application={a} />
        </>
      ),
    },
    {
      title: '申请人',
      key: 'applicant',
      render: (_, a) =>
        `${a.applicant.name}（${APPLICANT_KIND_LABELS[a.applicant.kind] ?? a.applicant.kind}）`,
    },
    { title: '提交日期', dataIndex: 'submittedOn', width: 110 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 130,
      render: (s: ApplicationSummary['status'], a) => (
        <Tag color={STATUS_COLORS[s]}>
          {APPLICATION_STATUS_LABELS[s]}
          {s === 'closed' && a.outcome ? `（${APPLICATION_STATUS_LABELS[a.outcome]}）` : ''}
        </Tag>
      ),
    },
    {
      title: '办理时限',
      key: 'deadline',
      width: 190,
      render: (_, a) => <DeadlineTag deadline={a.deadline} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, a) =>
        a.actions.some((x) => x !== 'withdraw') ? (
          <Button type="primary" size="small" ghost onClick={() => void navigate(`/applications/${a.id}`)}>
            办理
          </Button>
        ) : (
          <Button type="link" size="small" onClick={() => void navigate(`/applications/${a.id}`)}>
            查看
          </Button>
        ),
    },
  ];

  const urgent = alerts.data?.items ?? [];
  return (
    <Card
      title="申请审批"
      extra={
        permissions.has(Permission.applicationSubmit) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/applications/new')}>
            新建申请
          </Button>
        )
      }
    >
      {urgent.length > 0 && (
        <Alert
          type={urgent.some((a) => a.deadline.status === 'overdue') ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          title={`时限预警：${urgent.length} 件案件即将到期或已超期`}
          description={
            <List
              size="small"
              dataSource={urgent.slice(0, 5)}
              renderItem={(a) => (
                <List.Item style={{ padding: '2px 0', border: 0 }}>
                  <Link to={`/applications/${a.applicationId}`}>{a.message}</Link>
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {a.childName} · {a.role === 'handler' ? '待您办理' : '督办'}
                  </Typography.Text>
                </List.Item>
              )}
            />
          }
        />
      )}
      <Tabs
        activeKey={query.status ?? 'all'}
        items={TABS}
        onChange={(key) =>
          setQuery((prev) => ({ ...prev, status: key === 'all' ? undefined : key, page: 1 }))
        }
      />
      {list.isError && (
        <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />
      )}
      <Table<ApplicationSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        locale={{ emptyText: '暂无申请' }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => `共 ${total} 件`,
          onChange: (page, pageSize) => setQuery((prev) => ({ ...prev, page, pageSize })),
        }}
      />
    </Card>
  );
}
