import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Permission } from '../../../domain/access/roles.ts';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';
import {
  bankFileUrl,
  fileToBase64,
  useImportReturn,
  useLines,
  useRun,
  useRunAction,
  type LineFilter,
  type LineView,
  type RunDetail,
} from './payroll.api.ts';
import {
  ACTION_LABELS,
  BANK_STATUS,
  ITEM_LABELS,
  itemLabel,
  kindLabel,
  LINE_KIND_LABELS,
  STATUS_COLORS,
  yuan,
} from './labels.ts';

const columns: TableColumnsType<LineView> = [
  { title: '姓名', dataIndex: 'name', width: 90 },
  { title: '户籍地', dataIndex: 'hukouRegion', width: 120 },
  { title: '项目', dataIndex: 'item', render: itemLabel },
  {
    title: '类型',
    dataIndex: 'kind',
    width: 80,
    render: (k: string) => (
      <Tag color={k === 'recovery' ? 'red' : k === 'regular' ? undefined : 'blue'}>{kindLabel(k)}</Tag>
    ),
  },
  { title: '所属月份', dataIndex: 'forMonth', width: 90 },
  { title: '金额', dataIndex: 'amountFen', align: 'right', width: 120, render: yuan },
  {
    title: '开户银行',
    dataIndex: 'bank',
    render: (b: string | null) => b ?? <Typography.Text type="warning">未登记</Typography.Text>,
  },
  { title: '银行账号', dataIndex: 'accountMasked', width: 180 },
  {
    title: '回盘',
    dataIndex: 'bankStatus',
    width: 80,
    render: (s: string, l) => (
      <Tag color={BANK_STATUS[s]?.color} title={l.failureReason ?? undefined}>
        {BANK_STATUS[s]?.label ?? s}
      </Tag>
    ),
  },
  { title: '说明', dataIndex: ['explanation', 'text'], ellipsis: { showTitle: true } },
];

function Totals({ run }: { run: RunDetail }) {
  const rows = (m: Record<string, number>, label: (k: string) => string) =>
    Object.entries(m).map(([k, v]) => ({ key: k, label: label(k), fen: v }));
  const small = (title: string, data: { key: string; label: string; fen: number }[]) => (
    <Card size="small" title={title} style={{ flex: 1, minWidth: 260 }}>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={data}
        columns={[
          { title: '', dataIndex: 'label' },
          { title: '金额', dataIndex: 'fen', align: 'right', render: yuan },
        ]}
      />
    </Card>
  );
  return (
    <Flex gap={16} wrap>
      {small('按项目', rows(run.totals.byItem, itemLabel))}
      {small('按类型', rows(run.totals.byKind, kindLabel))}
      {small(
        '按乡镇（街道）',
        rows(run.totals.byTownship, (k) => k),
      )}
    </Flex>
  );
}

function BankCard({ run }: { run: RunDetail }) {
  const { permissions } = useSession();
  const importReturn = useImportReturn(run.id);
  const locked = run.status === 'approved';
  const r = run.reconciliation;
  const canManage = permissions.has(Permission.payrollManage);
  return (
    <Card size="small" title="银行代发与回盘">
      {!locked && (
        <Alert
          type="info"
          showIcon
          message="发放表审批锁定后方可导出代发文件、导入回盘。"
          style={{ marginBottom: 12 }}
        />
      )}
      <Table
        size="small"
        rowKey="bank"
        pagination={false}
        dataSource={run.banks}
        columns={[
          { title: '开户银行', dataIndex: 'bank', render: (b: string) => b || '未登记账户（不导出）' },
          { title: '笔数', dataIndex: 'lines', align: 'right' },
          { title: '金额', dataIndex: 'totalFen', align: 'right', render: yuan },
          {
            title: '代发文件',
            render: (_: unknown, b) =>
              b.bank && locked && canManage ? (
                <Space>
                  <a href={bankFileUrl(run.id, b.bank, 'xlsx')} download>
                    导出 xlsx
                  </a>
                  <a href={bankFileUrl(run.id, b.bank, 'csv')} download>
                    导出 csv
                  </a>
                </Space>
              ) : null,
          },
        ]}
      />
      <Flex gap={32} style={{ marginTop: 12 }} wrap>
        <Statistic title="应代发" value={yuan(r.transferFen)} />
        <Statistic title={`已到账（${r.paidLines} 笔）`} value={yuan(r.paidFen)} />
        <Statistic title={`失败（${r.failedLines} 笔，下月重发）`} value={yuan(r.failedFen)} />
        <Statistic title="对账" value={r.balanced ? '已平衡' : `待回盘 ${yuan(r.pendingFen)}`} />
      </Flex>
      {locked && canManage && (
        <div style={{ marginTop: 12 }}>
          <Upload
            accept=".csv,.xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              void fileToBase64(file).then((contentBase64) =>
                importReturn.mutate({ fileName: file.name, contentBase64 }),
              );
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={importReturn.isPending}>
              导入银行回盘（参考号、结果、失败原因）
            </Button>
          </Upload>
          {importReturn.data && (
            <Alert
              style={{ marginTop: 12 }}
              type="success"
              showIcon
              data-testid="return-result"
              message={`回盘已导入：成功 ${importReturn.data.paid} 笔，失败 ${importReturn.data.failed} 笔`}
            />
          )}
          {importReturn.error && (
            <Alert
              style={{ marginTop: 12 }}
              type="error"
              showIcon
              message={errorMessage(importReturn.error)}
            />
          )}
        </div>
      )}
    </Card>
  );
}

export function PayrollRunPage() {
  const { id = '' } = useParams();
  const run = useRun(id);
  const action = useRunAction(id);
  const [filter, setFilter] = useState<LineFilter>({ page: 1, pageSize: 20 });
  const lines = useLines(id, filter);
  if (run.error) return <Alert type="error" showIcon message={errorMessage(run.error)} />;
  const r = run.data;
  if (!r) return <Card loading />;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        <Link to="/payroll">资金发放</Link> / {r.month} 发放表（{r.region}）
      </Typography.Title>
      <Card size="small">
        <Flex justify="space-between" wrap gap={16}>
          <Descriptions size="small" column={4}>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="儿童数">{r.childCount}</Descriptions.Item>
            <Descriptions.Item label="明细数">{r.lineCount}</Descriptions.Item>
            <Descriptions.Item label="合计">{yuan(r.totalFen)}</Descriptions.Item>
          </Descriptions>
          <Space>
            {r.allowedActions.map((a) => (
              <Button
                key={a}
                type={a === 'reopen' ? 'default' : 'primary'}
                loading={action.isPending}
                onClick={() => action.mutate(a)}
              >
                {ACTION_LABELS[a]}
              </Button>
            ))}
          </Space>
        </Flex>
        {action.error && <Alert type="error" showIcon message={errorMessage(action.error)} />}
      </Card>
      <Totals run={r} />
      <BankCard run={r} />
      <Card size="small" title="发放明细">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder="项目"
            style={{ width: 240 }}
            options={Object.entries(ITEM_LABELS).map(([value, label]) => ({ value, label }))}
            onChange={(item?: string) => setFilter({ ...filter, item, page: 1 })}
          />
          <Select
            allowClear
            placeholder="类型"
            style={{ width: 120 }}
            options={Object.entries(LINE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
            onChange={(kind?: string) => setFilter({ ...filter, kind, page: 1 })}
          />
          <Select
            allowClear
            placeholder="回盘"
            style={{ width: 120 }}
            options={Object.entries(BANK_STATUS).map(([value, s]) => ({ value, label: s.label }))}
            onChange={(bankStatus?: string) => setFilter({ ...filter, bankStatus, page: 1 })}
          />
          <Input.Search
            allowClear
            placeholder="乡镇（街道）代码"
            style={{ width: 220 }}
            onSearch={(v) => setFilter({ ...filter, township: v.trim() || undefined, page: 1 })}
          />
        </Space>
        <Table
          rowKey="id"
          size="small"
          loading={lines.isFetching}
          columns={columns}
          dataSource={lines.data?.items ?? []}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: lines.data?.total ?? 0,
            onChange: (page, pageSize) => setFilter({ ...filter, page, pageSize }),
          }}
          expandable={{ expandedRowRender: (l) => `${l.explanation.text}（依据：${l.explanation.basis}）` }}
        />
      </Card>
    </Flex>
  );
}
