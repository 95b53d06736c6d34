import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { ApplicationAction } from '../../../domain/workflow/application.ts';
import { errorMessage } from '../../api/client.ts';
import { useApplicationAction } from './applications.api.ts';
import { APPLICATION_ACTION_LABELS, DANGER_ACTIONS } from './labels.ts';

const HINTS: Partial<Record<ApplicationAction, string>> = {
  verify: '经信息比对和入户核查，情况属实，报县级民政部门确认。',
  confirm: '确认后纳入保障，自次月起发放基本生活补贴。',
  refuse: '不予认定须书面说明理由，理由将告知申请人。',
  return: '请写明需要补充的材料。',
  withdraw: '撤回后申请结束，可另行重新申请。',
};

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
  const [form] = Form.useForm<{ comment?: string; reasons?: string }>();
  const act = useApplicationAction(applicationId);
  const [error, setError] = useState<string>();
  const label = APPLICATION_ACTION_LABELS[action];

  const submit = async () => {
    let values: { comment?: string; reasons?: string };
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
      <Form form={form} layout="vertical" name="action">
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
