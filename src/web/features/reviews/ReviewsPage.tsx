import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Progress as Bar,
  Table,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { Permission } from '../../../domain/access/roles.ts';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';
import { DateInput } from '../applications/DateInput.tsx';
import { useCampaigns, useCreateCampaign, type CampaignSummary, type Progress } from './reviews.api.ts';

/** Done of due as a bar, with the overdue count in red. */
export function ProgressCell({ p }: { p: Progress }) {
  return (
    <div style={{ minWidth: 160 }}>
      <Bar percent={p.due === 0 ? 100 : Math.round((p.done / p.due) * 100)} size="small" />
      <span>
        应复审 {p.due} · 已复审 {p.done}
        {p.overdue > 0 && <span style={{ color: '#cf1322' }}> · 逾期 {p.overdue}</span>}
      </span>
    </div>
  );
}

/** 资格复审: the campaigns the user can see, with progress; a county starts a new one. */
export function ReviewsPage() {
  const { permissions } = useSession();
  const list = useCampaigns();
  const [creating, setCreating] = useState(false);
  const columns: TableColumnsType<CampaignSummary> = [
    {
      title: '复审名称',
      dataIndex: 'name',
      render: (n: string, c) => <Link to={`/reviews/${c.id}`}>{n}</Link>,
    },
    { title: '区县', dataIndex: 'regionName', render: (n: string) => n.split('/').at(-1) },
    { title: '截止日期', dataIndex: 'dueDate', width: 120 },
    { title: '发起日期', dataIndex: 'createdOn', width: 120 },
    { title: '进度（本辖区）', key: 'progress', render: (_, c) => <ProgressCell p={c.progress} /> },
  ];
  return (
    <Card
      title="资格复审"
      extra={
        permissions.has(Permission.applicationConfirm) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            发起复审
          </Button>
        )
      }
    >
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Table
        rowKey="id"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '暂无资格复审' }}
      />
      {creating && <CreateModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

function CreateModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; dueDate: string }>();
  const create = useCreateCampaign();
  const [error, setError] = useState<string>();
  const submit = async () => {
    let values: { name: string; dueDate: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      const c = await create.mutateAsync(values);
      void message.success(`已发起复审，应复审 ${c.progress.due} 名儿童`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      open
      title="发起资格复审"
      okText="发起"
      okButtonProps={{ loading: create.isPending }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="将列出截止日期前到期（自确认或上次复审起满复审周期）的全部在保儿童。"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="name"
          label="复审名称"
          rules={[{ required: true, whitespace: true, message: '请填写复审名称' }]}
        >
          <Input maxLength={100} placeholder="如：2026年度困境儿童资格复审" />
        </Form.Item>
        <Form.Item name="dueDate" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}>
          <DateInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}
