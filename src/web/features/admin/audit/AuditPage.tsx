import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../../api/client.ts';
import type { AuditEntry } from '../../../api/types.ts';
import { useAuditLog } from './audit.api.ts';
import { ACTION_LABELS, actionLabel, entityLabel, OUTCOME_LABELS } from './audit-labels.ts';
import { auditParams, type AuditFilters } from './audit-query.ts';

const ACTION_OPTIONS = Object.entries(ACTION_LABELS).map(([value, label]) => ({
  value,
  label: `${label}（${value}）`,
}));
const OUTCOME_OPTIONS = [
  { value: 'ok', label: OUTCOME_LABELS.ok },
  { value: 'denied', label: OUTCOME_LABELS.denied },
];

const dash = (v: string | null | undefined) => (v ? v : '—');

const columns: TableColumnsType<AuditEntry> = [
  {
    title: '时间',
    dataIndex: 'at',
    width: 170,
    render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
  },
  { title: '操作人', dataIndex: 'actorUsername', width: 120, render: dash },
  {
    title: '操作',
    dataIndex: 'action',
    width: 130,
    render: (a: string) => <Tooltip title={a}>{actionLabel(a)}</Tooltip>,
  },
  {
    title: '对象类型',
    dataIndex: 'entityType',
    width: 100,
    render: (t: string | null) => (t ? entityLabel(t) : '—'),
  },
  { title: '对象', dataIndex: 'entityId', ellipsis: true, render: dash },
  { title: '区划', dataIndex: 'regionCode', width: 120, render: dash },
  {
    title: '结果',
    dataIndex: 'outcome',
    width: 80,
    render: (o: AuditEntry['outcome']) => (
      <Tag color={o === 'ok' ? 'green' : 'red'}>{OUTCOME_LABELS[o] ?? o}</Tag>
    ),
  },
  { title: '来源IP', dataIndex: 'ip', width: 140, render: dash },
];

const hasDetail = (e: AuditEntry) =>
  e.detail !== null && typeof e.detail === 'object' && Object.keys(e.detail).length > 0;

/** 审计日志: the append-only trail, filtered and paged on the server. */
export function AuditPage() {
  const [form] = Form.useForm<AuditFilters>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const params = useMemo(() => auditParams(filters, page.page, page.pageSize), [filters, page]);
  const log = useAuditLog(params);

  return (
    <Card title="审计日志">
      <Form<AuditFilters>
        form={form}
        name="audit-filters"
        layout="inline"
        style={{ marginBottom: 16, rowGap: 12 }}
        onFinish={(values) => {
          setFilters(values);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      >
        <Form.Item name="actor" label="操作人">
          <Input placeholder="用户名" allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="action" label="操作类型">
          <Select
            options={ACTION_OPTIONS}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部"
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item name="range" label="时间范围">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item name="outcome" label="结果">
          <Select options={OUTCOME_OPTIONS} allowClear placeholder="全部" style={{ width: 100 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPage((p) => ({ ...p, page: 1 }));
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {log.isError && (
        <Alert type="error" showIcon title={errorMessage(log.error)} style={{ marginBottom: 16 }} />
      )}
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={log.data?.items}
        loading={log.isFetching}
        expandable={{
          rowExpandable: hasDetail,
          expandedRowRender: (e) => (
            <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
              {JSON.stringify(e.detail, null, 2)}
            </pre>
          ),
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: log.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 条记录`,
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
      />
    </Card>
  );
}
