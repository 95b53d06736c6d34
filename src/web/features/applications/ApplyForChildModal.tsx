import { Alert, App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { useCreateApplication } from './applications.api.ts';
import { APPLICANT_KIND_LABELS } from './labels.ts';

interface ApplicantValues {
  kind: string;
  name: string;
  relation?: string;
  phone?: string;
  comment?: string;
}

/** 发起申请 for a child already on file (registered, or exited and applying again). */
export function ApplyForChildModal({ childId, onClose }: { childId: string; onClose: () => void }) {
  const [form] = Form.useForm<ApplicantValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateApplication();
  const [error, setError] = useState<string>();

  const submit = async () => {
    let v: ApplicantValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      const { application } = await create.mutateAsync({
        childId,
        applicant: {
          kind: v.kind,
          name: v.name.trim(),
          ...(v.relation ? { relation: v.relation } : {}),
          ...(v.phone ? { phone: v.phone } : {}),
        },
        ...(v.comment ? { comment: v.comment } : {}),
      });
      void message.success(`申请已提交（${application.no}）`);
      void navigate(`/applications/${application.id}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      title="发起申请"
      okText="提交申请"
      confirmLoading={create.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      maskClosable={false}
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<ApplicantValues> form={form} name="apply" layout="vertical" initialValues={{ kind: 'guardian' }}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label="申请方式">
              <Select
                options={Object.entries(APPLICANT_KIND_LABELS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="name"
              label="申请人"
              rules={[{ required: true, whitespace: true, message: '请填写申请人' }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="relation" label="与儿童关系">
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="phone" label="联系电话">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="comment" label="情况说明">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
