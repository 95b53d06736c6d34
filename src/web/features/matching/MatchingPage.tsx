import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Permission } from '../../../domain/access/roles.ts';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';
import {
  errorsFileUrl,
  useCancelRoster,
  useDashboard,
  useLeads,
  useRosters,
  useUploadRoster,
  type LeadQuery,
  type LeadSummary,
  type RosterView,
} from './matching.api.ts';
import {
  DEADLINE_COLORS,
  LEAD_STATUS_LABELS,
  LEAD_TYPE_LABELS,
  LEAD_TYPES,
  ROSTER_LABELS,
  ROSTER_STATUS,
  ROSTER_TYPES,
} from './labels.ts';

const tag = (m: Record<string, { label: string; color: string }>, k: string) => (
  <Tag color={m[k]?.color}>{m[k]?.label ?? k}</Tag>
);

/** Reading is the first 80 % (by bytes of a CSV), matching the rest (by people decided). */
function progressOf(r: RosterView): number {
  const p = r.progress;
  if (!p) return 100;
  if (p.phase === 'reading')
    return p.totalBytes > 0 && p.bytesRead > 0
      ? Math.min(80, Math.round((p.bytesRead / p.totalBytes) * 80))
      : 1;
  return p.toMatch === 0 ? 80 : 80 + Math.round((p.matched / p.toMatch) * 20);
}

function progressText(r: RosterView): string {
  const p = r.progress;
  if (!p) return '';
  return p.phase === 'reading'
    ? `读取中：已读 ${p.rowsRead.toLocaleString('zh-CN')} 行`
    : `比对中：${p.matched.toLocaleString('zh-CN')} / ${p.toMatch.toLocaleString('zh-CN')} 人`;
}

function UploadCard() {
  const [type, setType] = useState<string>('death');
  const [source, setSource] = useState('');
  const upload = useUploadRoster();
  return (
    <Card title="上传部门名单" size="small">
      <Space wrap>
        <Select
          aria-label="名单类型"
          style={{ width: 260 }}
          value={type}
          onChange={setType}
          options={ROSTER_TYPES.map((t) => ({ value: t, label: ROSTER_LABELS[t] }))}
        />
        <Input
          aria-label="来源部门"
          placeholder="来源部门（如 公安局）"
          style={{ width: 200 }}
          value={source}
          onChange={(e) => setSource(e.target.value)}
        />
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate({ file, type, sourceDepartment: source.trim() || '未填写' });
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending}>
            选择文件并上传
          </Button>
        </Upload>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        CSV（UTF-8）或 xlsx，第一行为表头。公民身份号码只以加密摘要保存，用于比对。
      </Typography.Paragraph>
      {upload.isError && (
        <Alert type="error" showIcon title={errorMessage(upload.error)} style={{ marginTop: 8 }} />
      )}
    </Card>
  );
}

function RostersTable() {
  const rosters = useRosters();
  const cancel = useCancelRoster();
  const columns: TableColumnsType<RosterView> = [
    { title: '名单类型', dataIndex: 'rosterType', render: (t: string) => ROSTER_LABELS[t as 'death'] ?? t },
    { title: '来源部门', dataIndex: 'sourceDepartment' },
    { title: '文件', dataIndex: 'fileName' },
    { title: '上传时间', dataIndex: 'uploadedAt', render: (v: string) => v.slice(0, 16).replace('T', ' ') },
    {
      title: '状态',
      render: (_, r) =>
        r.status === 'running' ? (
          <Space>
            <Progress
              percent={progressOf(r)}
              size="small"
              style={{ width: 120 }}
              aria-label={`处理进度 ${progressOf(r)}%`}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {progressText(r)}
            </Typography.Text>
            <Popconfirm
              title="取消本次上传？"
              description="已读入的行将全部撤销，不产生任何线索。"
              okText="取消上传"
              cancelText="继续处理"
              onConfirm={() => cancel.mutate(r.id)}
            >
              <Button size="small" danger loading={cancel.isPending && cancel.variables === r.id}>
                取消
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          tag(ROSTER_STATUS, r.status)
        ),
    },
    { title: '行数', dataIndex: 'rows' },
    {
      title: '错误行',
      render: (_, r) =>
        r.hasErrorsFile ? <a href={errorsFileUrl(r.id)}>{r.rejected}（下载）</a> : r.rejected,
    },
    {
      title: '新增线索',
      render: (_, r) =>
        r.newLeads
          ? LEAD_TYPES.map((t) => `${LEAD_TYPE_LABELS[t]?.label} ${r.newLeads?.[t] ?? 0}`).join(' · ')
          : '—',
    },
  ];
  return (
    <Card title="名单上传记录" size="small">
      <Table
        rowKey="id"
        size="small"
        loading={rosters.isLoading}
        columns={columns}
        dataSource={rosters.data?.items}
      />
    </Card>
  );
}

function LeadsTab() {
  const [q, setQ] = useState<LeadQuery>({ page: 1, pageSize: 20, status: 'open' });
  const leads = useLeads(q);
  const set = (patch: Partial<LeadQuery>) => setQ((p) => ({ ...p, ...patch, page: 1 }));
  const columns: TableColumnsType<LeadSummary> = [
    { title: '类型', dataIndex: 'type', render: (t: string) => tag(LEAD_TYPE_LABELS, t) },
    {
      title: '线索',
      dataIndex: 'title',
      render: (v: string, r) => <Link to={`/matching/leads/${r.id}`}>{v}</Link>,
    },
    {
      title: '户籍地',
      dataIndex: 'hukouRegionName',
      render: (v: string) => v.split('/').slice(-2).join(' / '),
    },
    { title: '发现日期', dataIndex: 'createdOn' },
    {
      title: '办理期限',
      render: (_, r) =>
        r.deadline ? (
          <Tag color={DEADLINE_COLORS[r.deadline.status]?.color}>
            {r.dueOn}（{DEADLINE_COLORS[r.deadline.status]?.label}）
          </Tag>
        ) : (
          r.dueOn
        ),
    },
    { title: '状态', dataIndex: 'status', render: (s: string) => tag(LEAD_STATUS_LABELS, s) },
  ];
  return (
    <Flex vertical gap={12}>
      <Space wrap>
        <Select
          allowClear
          placeholder="线索类型"
          style={{ width: 160 }}
          value={q.type}
          onChange={(type?: string) => set({ type })}
          options={LEAD_TYPES.map((t) => ({ value: t, label: LEAD_TYPE_LABELS[t]?.label }))}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 160 }}
          value={q.status}
          onChange={(status?: string) => set({ status })}
          options={Object.entries(LEAD_STATUS_LABELS).map(([value, s]) => ({ value, label: s.label }))}
        />
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={leads.isLoading}
        columns={columns}
        dataSource={leads.data?.items}
        pagination={{
          current: q.page,
          pageSize: q.pageSize,
          total: leads.data?.total,
          onChange: (page, pageSize) => setQ((p) => ({ ...p, page, pageSize })),
        }}
      />
    </Flex>
  );
}

function DashboardTab() {
  const dash = useDashboard(true);
  return (
    <Table
      rowKey="region"
      size="small"
      loading={dash.isLoading}
      dataSource={dash.data?.items}
      columns={[
        { title: '乡镇（街道）', dataIndex: 'regionName', render: (v: string) => v.split('/').slice(-1)[0] },
        { title: '待处理', dataIndex: 'open' },
        {
          title: '已逾期',
          dataIndex: 'overdue',
          render: (n: number) => <Tag color={n > 0 ? 'red' : 'green'}>{n}</Tag>,
        },
      ]}
    />
  );
}

/** 信息比对: roster uploads with progress, leads by type/status with deadlines, a township dashboard. */
export function MatchingPage() {
  const { permissions } = useSession();
  const [params, setParams] = useSearchParams();
  const canRead = permissions.has(Permission.matchingRead);
  const canUpload = permissions.has(Permission.matchingUpload);
  const items = [
    ...(canRead ? [{ key: 'leads', label: '比对线索', children: <LeadsTab /> }] : []),
    ...(canRead ? [{ key: 'dashboard', label: '乡镇看板', children: <DashboardTab /> }] : []),
    ...(canUpload
      ? [
          {
            key: 'rosters',
            label: '名单上传',
            children: (
              <Flex vertical gap={12}>
                <UploadCard />
                <RostersTable />
              </Flex>
            ),
          },
        ]
      : []),
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        信息比对
      </Typography.Title>
      <Tabs
        activeKey={params.get('tab') ?? items[0]?.key}
        onChange={(tab) => setParams({ tab })}
        items={items}
      />
    </Flex>
  );
}
