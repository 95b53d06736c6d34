import { yearMonthOf } from '../../../domain/shared/dates.ts';
import { todayInChina } from '../../components/today.ts';
import {
  Alert,
  Button,
  Card,
  Flex,
  Input,
  Progress,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Permission } from '../../../domain/access/roles.ts';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';
import { useGenerate, useJob, useRuns, type RunSummary } from './payroll.api.ts';
import { STATUS_COLORS, yuan } from './labels.ts';

// ECharts is large: the forecast tab loads it on demand.
const ForecastPanel = lazy(() => import('./ForecastPanel.tsx').then((m) => ({ default: m.ForecastPanel })));

// This month in China (the office's calendar, whatever the browser's zone).
const thisMonth = () => yearMonthOf(todayInChina());

function GenerateCard({ region }: { region: string }) {
  const [month, setMonth] = useState(thisMonth);
  const [code, setCode] = useState(region.length >= 6 ? region.slice(0, 6) : region);
  const [jobId, setJobId] = useState<string>();
  const generate = useGenerate();
  const job = useJob(jobId);
  const qc = useQueryClient();
  const j = job.data;
  const finished = j !== undefined && j.status !== 'running';
  useEffect(() => {
    if (finished) void qc.invalidateQueries({ queryKey: ['payroll', 'runs'] });
  }, [finished, jobId, qc]);
  return (
    <Card size="small" title="生成月度发放表">
      <Space wrap>
        <Input
          addonBefore="月份"
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          style={{ width: 180 }}
          aria-label="月份"
        />
        <Input
          addonBefore="区划代码"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          style={{ width: 220 }}
          aria-label="区划代码"
        />
        <Button
          type="primary"
          loading={generate.isPending || j?.status === 'running'}
          onClick={() => generate.mutate({ month, region: code }, { onSuccess: (r) => setJobId(r.id) })}
        >
          生成
        </Button>
      </Space>
      {generate.error && (
        <Alert style={{ marginTop: 12 }} type="error" showIcon message={errorMessage(generate.error)} />
      )}
      {j && (
        <div style={{ marginTop: 12 }} data-testid="generation">
          <Progress
            percent={
              j.total === 0 ? (j.status === 'running' ? 0 : 100) : Math.round((j.processed / j.total) * 100)
            }
            status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : 'active'}
          />
          {j.status === 'done' && j.result && (
            <Typography.Text>
              已生成 {j.result.month}：{j.result.children} 名儿童，{j.result.lines} 条明细，合计{' '}
              {yuan(j.result.totalFen)}
            </Typography.Text>
          )}
          {j.status === 'failed' && <Alert type="error" showIcon message={j.error?.message ?? '生成失败'} />}
        </div>
      )}
    </Card>
  );
}

const columns: TableColumnsType<RunSummary> = [
  {
    title: '月份',
    dataIndex: 'month',
    render: (m: string, r) => <Link to={`/payroll/runs/${r.id}`}>{m}</Link>,
  },
  { title: '区县', dataIndex: 'region' },
  {
    title: '状态',
    dataIndex: 'statusLabel',
    render: (s: string, r) => <Tag color={STATUS_COLORS[r.status]}>{s}</Tag>,
  },
  { title: '儿童数', dataIndex: 'childCount', align: 'right' },
  { title: '明细数', dataIndex: 'lineCount', align: 'right' },
  { title: '合计金额', dataIndex: 'totalFen', align: 'right', render: (f: number) => yuan(f) },
];

export function PayrollPage() {
  const { me, permissions } = useSession();
  const runs = useRuns();
  const canManage = permissions.has(Permission.payrollManage);
  const region = me.jurisdiction.code;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        资金发放
      </Typography.Title>
      <Tabs
        items={[
          {
            key: 'runs',
            label: '月度发放表',
            children: (
              <Flex vertical gap={16}>
                {canManage && <GenerateCard region={region} />}
                {runs.error && <Alert type="error" showIcon message={errorMessage(runs.error)} />}
                <Table
                  rowKey="id"
                  size="small"
                  loading={runs.isLoading}
                  columns={columns}
                  dataSource={runs.data ?? []}
                  pagination={{ pageSize: 24 }}
                  locale={{ emptyText: '尚未生成发放表' }}
                />
              </Flex>
            ),
          },
          {
            key: 'forecast',
            label: '资金测算',
            children: (
              <Suspense fallback={<Card loading />}>
                <ForecastPanel region={region} />
              </Suspense>
            ),
          },
        ]}
      />
    </Flex>
  );
}
