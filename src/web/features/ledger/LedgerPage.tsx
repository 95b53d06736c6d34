import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Input,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Permission } from '../../../domain/access/roles.ts';
import { todayInChina } from '../../components/today.ts';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';
import {
  errorsFileUrl,
  exportUrl,
  templateUrl,
  useImportLedger,
  useLedgerSummary,
  useSignOff,
  useSignoffs,
  type Signoff,
} from './ledger.api.ts';

const yuan = (fen: number) =>
  (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const quarterOf = (d: Dayjs) => `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;

function SummaryCards({ month }: { month: string }) {
  const summary = useLedgerSummary(month);
  if (summary.isError) return <Alert type="error" showIcon title={errorMessage(summary.error)} />;
  const s = summary.data;
  const items: [string, number | string | undefined][] = [
    ['在册儿童', s?.children],
    ['本月新增', s?.added],
    ['本月变更', s?.changed],
    ['本月撤销', s?.removed],
    ['月保障金额（元）', s ? yuan(s.totalFen) : undefined],
  ];
  return (
    <Row gutter={[16, 16]} aria-label="台账月度快照">
      {items.map(([title, value]) => (
        <Col key={title} xs={12} md={8} lg={4}>
          <Card size="small" loading={summary.isLoading}>
            <Statistic title={title} value={value ?? '-'} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function ImportCard() {
  const importer = useImportLedger();
  const [percent, setPercent] = useState(0);
  const result = importer.data;
  return (
    <Card title="导入台账" size="small">
      <Space wrap>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            setPercent(0);
            importer.mutate({ file, onProgress: setPercent });
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={importer.isPending}>
            选择台账文件并导入
          </Button>
        </Upload>
        <Button icon={<DownloadOutlined />} href={templateUrl}>
          下载导入模板
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        使用台账导入模板（xlsx 或 UTF-8
        CSV，第一行为表头）。每行单独校验，有误的行整行不导入，并在错误数据文件中注明原因；已建档的儿童不会重复导入。
      </Typography.Paragraph>
      {importer.isPending && (
        <div style={{ marginTop: 12 }}>
          <Progress percent={percent} status="active" aria-label="上传进度" />
          <Typography.Text type="secondary">
            {percent < 100 ? '正在上传…' : '正在校验并导入，请稍候…'}
          </Typography.Text>
        </div>
      )}
      {importer.isError && (
        <Alert type="error" showIcon title={errorMessage(importer.error)} style={{ marginTop: 12 }} />
      )}
      {result && !importer.isPending && (
        <Alert
          style={{ marginTop: 12 }}
          type={result.rejected > 0 ? 'warning' : 'success'}
          showIcon
          title={`导入完成：成功导入 ${result.imported} 人，未导入 ${result.rejected} 行`}
          description={
            result.errorsFileId ? (
              <a href={errorsFileUrl(result.errorsFileId)} download>
                下载错误数据（含错误原因）
              </a>
            ) : undefined
          }
        />
      )}
    </Card>
  );
}

function SignoffCard({ canSign }: { canSign: boolean }) {
  const signoffs = useSignoffs();
  const signOff = useSignOff();
  const now = dayjs(todayInChina());
  const quarters = [0, 3, 6, 9].map((m) => quarterOf(now.subtract(m, 'month')));
  const [quarter, setQuarter] = useState(quarters[0] ?? '');
  const [comments, setComments] = useState('');
  return (
    <Card title="季度审核签字" size="small">
      {canSign && (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          <Space wrap>
            <Select
              aria-label="季度"
              style={{ width: 190 }}
              value={quarter}
              onChange={setQuarter}
              options={quarters.map((q) => ({ value: q, label: q.replace('-Q', ' 年第 ') + ' 季度' }))}
            />
            <Button
              type="primary"
              disabled={comments.trim() === ''}
              loading={signOff.isPending}
              onClick={() =>
                signOff.mutate({ quarter, comments: comments.trim() }, { onSuccess: () => setComments('') })
              }
            >
              签字确认
            </Button>
          </Space>
          <Input.TextArea
            aria-label="审核意见"
            placeholder="审核意见（必填）"
            rows={2}
            maxLength={1000}
            value={comments}
            onChange={(e) => setComments(e.target.value)}
          />
          {signOff.isError && <Alert type="error" showIcon title={errorMessage(signOff.error)} />}
        </Flex>
      )}
      <Table<Signoff>
        size="small"
        rowKey="id"
        pagination={false}
        loading={signoffs.isLoading}
        dataSource={signoffs.data ?? []}
        locale={{ emptyText: '本县尚无季度签字记录' }}
        columns={[
          { title: '季度', dataIndex: 'quarter' },
          { title: '签字人', dataIndex: 'signedByName' },
          { title: '审核意见', dataIndex: 'comments' },
          {
            title: '签字时间',
            dataIndex: 'signedAt',
            render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
          },
        ]}
      />
    </Card>
  );
}

/** 台账: the month's snapshot, import of old ledgers, export, and the county head's quarterly sign-off. */
export function LedgerPage() {
  const { me, permissions } = useSession();
  const [month, setMonth] = useState(() => dayjs(todayInChina()).startOf('month'));
  const ym = month.format('YYYY-MM');
  const isCounty = me.jurisdiction.code.length === 6;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          台账 · {me.jurisdiction.name}
        </Typography.Title>
        <Space wrap>
          <DatePicker
            picker="month"
            aria-label="月份"
            allowClear={false}
            value={month}
            onChange={(d) => d && setMonth(d)}
            disabledDate={(d) => d.isAfter(dayjs(todayInChina()), 'month')}
          />
          <Button icon={<DownloadOutlined />} href={exportUrl(ym)}>
            导出 {ym} 台账
          </Button>
        </Space>
      </Flex>
      <SummaryCards month={ym} />
      {permissions.has(Permission.childWrite) && <ImportCard />}
      {isCounty && <SignoffCard canSign={me.roles.includes('county-head')} />}
    </Flex>
  );
}
