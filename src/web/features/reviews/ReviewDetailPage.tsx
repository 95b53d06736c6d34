import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Permission } from '../../../domain/access/roles.ts';
import { EXIT_REASON_LABELS, type ExitReason } from '../../../domain/eligibility/codes.ts';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';
import { DateInput } from '../applications/DateInput.tsx';
import { shortRegion } from '../children/ChildrenPage.tsx';
import { MANUAL_EXIT_REASONS } from '../children/ExitPanel.tsx';
import { ProgressCell } from './ReviewsPage.tsx';
import {
  OUTCOME_LABELS,
  useCampaign,
  useDecide,
  type ReviewItem,
  type ReviewOutcome,
} from './reviews.api.ts';

const OUTCOME_COLORS: Record<ReviewOutcome, string> = { continue: 'green', change: 'blue', terminate: 'red' };

/** One campaign: progress by township and each child's review with its decision. */
export function ReviewDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { permissions } = useSession();
  const campaign = useCampaign(id);
  const [deciding, setDeciding] = useState<{ item: ReviewItem; outcome: ReviewOutcome }>();
  const canDecide =
    permissions.has(Permission.applicationVerify) || permissions.has(Permission.applicationConfirm);
  if (campaign.isPending) return <Skeleton active />;
  if (campaign.isError) return <Alert type="error" showIcon title={errorMessage(campaign.error)} />;
  const c = campaign.data;

  const columns: TableColumnsType<ReviewItem> = [
    {
      title: '儿童',
      key: 'child',
      render: (_, i) => (
        <>
          <Link to={`/children/${i.childId}`}>{i.childName}</Link>
          <div style={{ fontSize: 12, color: '#888' }}>{i.idNumberMasked}</div>
        </>
      ),
    },
    { title: '户籍地', key: 'hukou', render: (_, i) => shortRegion(i.hukouRegionName) },
    { title: '复审到期日', dataIndex: 'dueSince', width: 120 },
    {
      title: '复审结论',
      key: 'outcome',
      render: (_, i) =>
        i.outcome ? (
          <>
            <Tag color={OUTCOME_COLORS[i.outcome]}>{OUTCOME_LABELS[i.outcome]}</Tag>
            {i.exitReason && EXIT_REASON_LABELS[i.exitReason as ExitReason]}
            <div style={{ fontSize: 12, color: '#888' }}>
              {i.decidedOn} · {i.reasons}
            </div>
          </>
        ) : (
          <Tag color={i.overdue ? 'red' : 'default'}>{i.overdue ? '逾期未复审' : '待复审'}</Tag>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 250,
      render: (_, i) =>
        canDecide &&
        !i.outcome && (
          <Space size={4}>
            {(['continue', 'change', 'terminate'] as const).map((o) => (
              <Button
                key={o}
                size="small"
                danger={o === 'terminate'}
                onClick={() => setDeciding({ item: i, outcome: o })}
              >
                {OUTCOME_LABELS[o]}
              </Button>
            ))}
          </Space>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={`${c.name}（截止 ${c.dueDate}）`}
        extra={<Button onClick={() => void navigate('/reviews')}>返回资格复审</Button>}
      >
        <ProgressCell p={c.progress} />
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey="region"
          pagination={false}
          dataSource={c.townships}
          columns={[
            { title: '乡镇（街道）', dataIndex: 'name' },
            { title: '应复审', dataIndex: 'due' },
            { title: '已复审', dataIndex: 'done' },
            {
              title: '逾期',
              dataIndex: 'overdue',
              render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0),
            },
          ]}
        />
      </Card>
      <Card title="复审名单">
        <Table rowKey="id" columns={columns} dataSource={c.items} pagination={{ pageSize: 20 }} />
      </Card>
      {deciding && <DecisionModal {...deciding} onClose={() => setDeciding(undefined)} />}
    </Space>
  );
}

function DecisionModal({
  item,
  outcome,
  onClose,
}: {
  item: ReviewItem;
  outcome: ReviewOutcome;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ reasons: string; exitReason?: string; eventDate?: string }>();
  const decide = useDecide();
  const [error, setError] = useState<string>();
  const submit = async () => {
    let values: { reasons: string; exitReason?: string; eventDate?: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await decide.mutateAsync({ itemId: item.id, outcome, ...values });
      void message.success(`已登记：${OUTCOME_LABELS[outcome]}`);
      onClose();
      // 变更: the change itself is made on the file (facts change, re-determined from its date).
      if (outcome === 'change') void navigate(`/children/${item.childId}?tab=family`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      open
      title={`${OUTCOME_LABELS[outcome]} · ${item.childName}`}
      okText="登记"
      okButtonProps={{ danger: outcome === 'terminate', loading: decide.isPending }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      {outcome === 'change' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="登记后将打开儿童档案，请在“家庭与监护”中变更事实。"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        {outcome === 'terminate' && (
          <>
            <Form.Item
              name="exitReason"
              label="退出原因"
              rules={[{ required: true, message: '请选择退出原因' }]}
            >
              <Select options={MANUAL_EXIT_REASONS} placeholder="选择退出原因" />
            </Form.Item>
            <Form.Item
              name="eventDate"
              label="退出事件日期"
              rules={[{ required: true, message: '请选择退出事件日期' }]}
            >
              <DateInput />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="reasons"
          label="复审意见（理由）"
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写复审意见（至少2个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
