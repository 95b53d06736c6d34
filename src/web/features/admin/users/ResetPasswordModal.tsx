import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { User } from '../../../api/types.ts';
import { applyServerError } from '../../../components/form-errors.ts';
import { PASSWORD_HINT, passwordValidator } from './password-rule.ts';
import { useResetPassword } from './users.api.ts';

interface ResetValues {
  password: string;
  confirm: string;
}

/** 重置密码: the administrator sets a new password and hands it over out of band. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const [form] = Form.useForm<ResetValues>();
  const { message } = App.useApp();
  const reset = useResetPassword();
  const [formError, setFormError] = useState<string>();

  const submit = async () => {
    let values: ResetValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(undefined);
    try {
      await reset.mutateAsync({ id: user.id, password: values.password });
      void message.success(`已重置 ${user.username} 的密码`);
      onClose();
    } catch (err) {
      setFormError(applyServerError(form, err, ['password']));
    }
  };

  return (
    <Modal
      open
      title={`重置密码：${user.username}`}
      okText="重置"
      onOk={() => void submit()}
      confirmLoading={reset.isPending}
      onCancel={onClose}
      maskClosable={false}
    >
      <Typography.Paragraph type="secondary">
        为 {user.displayName}（{user.username}）设置新密码，请通过安全渠道告知本人。
      </Typography.Paragraph>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<ResetValues> form={form} name="reset-password" layout="vertical">
        <Form.Item
          name="password"
          label="新密码"
          extra={PASSWORD_HINT}
          rules={[
            { required: true, message: '请输入新密码' },
            { validator: passwordValidator(() => user.username) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || getFieldValue('password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
