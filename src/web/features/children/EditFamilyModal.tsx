import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { parseYuan, fenToYuanString } from '../../../domain/shared/money.ts';
import { fromParents, toParents, type ParentValues } from '../applications/facts-form.ts';
import { ParentsFields } from '../applications/ParentsFields.tsx';
import { useUpdateFacts, type ChildFile } from './children.api.ts';
import { ASSISTANCE_LABELS, options } from './labels.ts';

interface FamilyValues {
  father: ParentValues;
  mother: ParentValues;
  assistance: string;
  receivedYuan?: string;
  reason: string;
  effectiveFrom?: Dayjs;
}

/**
 * 登记变更 of the family facts: a new version of the file. Past months are re-determined from the
 * earliest date the change touches (or the month given), so corrections settle in payroll.
 */
export function EditFamilyModal({ child, onClose }: { child: ChildFile; onClose: () => void }) {
  const [form] = Form.useForm<FamilyValues>();
  const { message } = App.useApp();
  const update = useUpdateFacts(child.id);
  const [error, setError] = useState<string>();

  const submit = async () => {
    let v: FamilyValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      await update.mutateAsync({
        facts: {
          ...child.facts,
          parents: toParents(v.father, v.mother),
          household: { assistance: v.assistance, receivedMonthlyFen: parseYuan(v.receivedYuan ?? '') ?? 0 },
        },
        reason: v.reason.trim(),
        expectedVersion: child.version,
        ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom.format('YYYY-MM') } : {}),
      });
      void message.success('已登记变更，认定结果已按生效月份重新计算');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      width={1100}
      title="登记家庭情况变更"
      okText="保存变更"
      confirmLoading={update.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      maskClosable={false}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<FamilyValues>
        form={form}
        name="family"
        layout="vertical"
        initialValues={{
          ...fromParents(child.facts.parents),
          assistance: child.facts.household.assistance,
          receivedYuan: fenToYuanString(child.facts.household.receivedMonthlyFen),
        }}
      >
        <ParentsFields />
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="assistance" label="家庭救助类型">
              <Select options={options(ASSISTANCE_LABELS)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="receivedYuan"
              label="已享受救助金额（元/月）"
              rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: '金额最多两位小数' }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="effectiveFrom" label="生效月份（选填）" extra="不填则按变更涉及的最早日期">
              <DatePicker picker="month" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="reason"
              label="变更原因"
              rules={[{ required: true, whitespace: true, message: '请填写变更原因' }]}
            >
              <Input placeholder="如：母亲提前释放" maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
