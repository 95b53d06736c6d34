import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { todayInChina } from '../../components/today.ts';
import { useState } from 'react';
import {
  NOTICE_MEANS_LABELS,
  type ApplicationAction,
  type NoticeMeans,
} from '../../../domain/workflow/application.ts';
import { errorMessage } from '../../api/client.ts';
import { useApplicationAction } from './applications.api.ts';
import { DateInput } from './DateInput.tsx';
import { APPLICATION_ACTION_LABELS, DANGER_ACTIONS } from './labels.ts';

const HINTS: Partial<Record<ApplicationAction, string>> = {
  verify: '经信息比对和入户核查，情况属实，报县级民政部门确认。',
  confirm: '确认后纳入保障，自次月起发放基本生活补贴。',
  refuse: '不予认定须书面说明理由，理由将告知申请人。',
  return: '请写明需要补充的材料。',
  withdraw: '撤回后申请结束，可另行重新申请。',
  forward: '跨省通办：受理后3个工作日内将申请材料转交户籍地乡镇（街道）查验。',
  inform: '跨省通办：户籍地县级民政部门作出决定后3个工作日内告知申请人，请记录告知日期和方式。',
};

interface ActionValues {
  comment?: string;
  reasons?: string;
  noticeOn?: string;
  noticeMeans?: NoticeMeans;
}

/** One workflow action with its comment (and written reasons for a refusal). */
export function ActionModal({
  applicationId,
  action,
  onClose,
}: {
  applicationId: string;
  action: ApplicationAction;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const act = useApplicationAction(applicationId);
  const [error, setError] = useState<string>();
  const label = APPLICATION_ACTION_LABELS[action];

  const submit = async () => {
    let values: ActionValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await act.mutateAsync({
        action,
        ...(values.comment ? { comment: values.comment } : {}),
        ...(values.reasons
          ? {
              reasons: values.reasons
                .split('\n')
                .map((r) => r.trim())
                .filter(Boolean),
            }
          : {}),
        ...(values.noticeOn && values.noticeMeans
          ? { notice: { on: values.noticeOn, means: values.noticeMeans } }
          : {}),
      });
      void message.success(`已${label}`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title={label}
      okText={label}
      okButtonProps={{ danger: DANGER_ACTIONS.has(action), 'data-testid': 'action-confirm' } as never}
      confirmLoading={act.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      maskClosable={false}
    >
      {HINTS[action] && (
        <Alert
          type={DANGER_ACTIONS.has(action) ? 'warning' : 'info'}
          showIcon
          title={HINTS[action]}
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        name="action"
        initialValues={action === 'inform' ? { noticeOn: todayInChina() } : {}}
      >
        {action === 'inform' && (
          <>
            <Form.Item
              name="noticeOn"
              label="告知日期"
              rules={[{ required: true, message: '请选择告知日期' }]}
            >
              <DateInput />
            </Form.Item>
            <Form.Item
              name="noticeMeans"
              label="告知方式"
              rules={[{ required: true, message: '请选择告知方式' }]}
            >
              <Select
                placeholder="选择告知方式"
                options={Object.entries(NOTICE_MEANS_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          </>
        )}
        {action === 'refuse' ? (
          <Form.Item
            name="reasons"
            label="不予认定理由（每行一条）"
            rules={[{ required: true, whitespace: true, message: '请填写不予认定的理由' }]}
          >
            <Input.TextArea rows={4} maxLength={1000} />
          </Form.Item>
        ) : (
          <Form.Item
            name="comment"
            label="办理意见"
            rules={
              action === 'return'
                ? [{ required: true, whitespace: true, message: '请写明需要补充的材料' }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
