import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import type { User } from '../../../api/types.ts';
import { applyServerError } from '../../../components/form-errors.ts';
import { RegionPicker } from '../../../components/RegionPicker.tsx';
import { ROLE_OPTIONS } from '../../../layout/labels.ts';
import { PASSWORD_HINT, passwordValidator } from './password-rule.ts';
import { useCreateUser, useUpdateUser } from './users.api.ts';

interface UserFormValues {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  jurisdictionCode: string;
}

const CREATE_FIELDS = ['username', 'displayName', 'password', 'roles', 'jurisdictionCode'];
const EDIT_FIELDS = ['displayName', 'roles', 'jurisdictionCode'];

interface UserFormModalProps {
  /** The user being edited; absent to create a new one. */
  user?: User;
  onClose: () => void;
}

/** 新建用户 / 编辑用户. Mounted only while open, so each opening starts from a clean form. */
export function UserFormModal({ user, onClose }: UserFormModalProps) {
  const [form] = Form.useForm<UserFormValues>();
  const { message } = App.useApp();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [formError, setFormError] = useState<string>();
  const editing = user !== undefined;

  const submit = async () => {
    let values: UserFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // antd already shows the field errors
    }
    setFormError(undefined);
    try {
      if (user) {
        await update.mutateAsync({
          id: user.id,
          patch: {
            displayName: values.displayName.trim(),
            roles: values.roles,
            jurisdictionCode: values.jurisdictionCode,
          },
        });
        void message.success(`已保存用户 ${user.username}`);
      } else {
        await create.mutateAsync({
          ...values,
          username: values.username.trim(),
          displayName: values.displayName.trim(),
        });
        void message.success(`已新建用户 ${values.username.trim()}`);
      }
      onClose();
    } catch (err) {
      // On creation the only conflict is a taken username: say so under that field.
      if (!editing && err instanceof ApiError && err.code === 'CONFLICT' && err.issues.length === 0) {
        form.setFields([{ name: 'username', errors: [err.message] }]);
        setFormError(undefined);
        return;
      }
      setFormError(applyServerError(form, err, editing ? EDIT_FIELDS : CREATE_FIELDS));
    }
  };

  return (
    <Modal
      open
      title={editing ? `编辑用户：${user.username}` : '新建用户'}
      okText="保存"
      onOk={() => void submit()}
      confirmLoading={create.isPending || update.isPending}
      onCancel={onClose}
      maskClosable={false}
      width={560}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<UserFormValues>
        form={form}
        name={editing ? 'edit-user' : 'new-user'}
        layout="vertical"
        initialValues={
          user
            ? { displayName: user.displayName, roles: user.roles, jurisdictionCode: user.jurisdictionCode }
            : { roles: [] }
        }
      >
        {editing ? (
          <Form.Item label="用户名">
            <Input value={user.username} disabled />
          </Form.Item>
        ) : (
          <Form.Item
            name="username"
            label="用户名"
            rules={[
              { required: true, whitespace: true, message: '请输入用户名' },
              { max: 64, message: '用户名不超过64个字符' },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label="初始密码"
            extra={PASSWORD_HINT}
            dependencies={['username']}
            rules={[
              { required: true, message: '请输入初始密码' },
              { validator: passwordValidator(() => form.getFieldValue('username') as string | undefined) },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item
          name="roles"
          label="角色"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个角色' }]}
        >
          <Select
            mode="multiple"
            options={ROLE_OPTIONS}
            placeholder="请选择角色"
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="jurisdictionCode" label="辖区" rules={[{ required: true, message: '请选择辖区' }]}>
          <RegionPicker placeholder="请选择辖区（可选任一级）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
