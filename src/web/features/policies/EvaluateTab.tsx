import { CalculatorOutlined, ExperimentOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Form, Input, Row, Select, Space, Spin } from 'antd';
import { todayInChina } from '../../components/today.ts';
import { useState } from 'react';
import type { Determination } from '../../../domain/eligibility/determination.ts';
import { INTERCHANGE_EXAMPLE } from '../../../domain/eligibility/example.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';
import { ChildFields, idNumberInfo } from './ChildFields.tsx';
import { DateField } from './DateField.tsx';
import { DeterminationView } from './DeterminationView.tsx';
import {
  defaultFactsValues,
  fromChildFacts,
  isYuanAmount,
  toChildFacts,
  type FactsFormValues,
} from './facts-form.ts';
import { placeFactsIssues, type PlacedIssues } from './issues.ts';
import { ASSISTANCE_OPTIONS } from './labels.ts';
import { HardshipFields } from './HardshipFields.tsx';
import { ParentFields } from './ParentFields.tsx';
import { useEvaluate, type PackSummary } from './policies.api.ts';

type Problem = { title: string; items: PlacedIssues['summary'] };

/** 政策测算: try any case against the policy packs; nothing is stored. */
export function EvaluateTab({ packs }: { packs: PackSummary[] }) {
  const { me } = useSession();
  const [form] = Form.useForm<FactsFormValues>();
  const evaluate = useEvaluate();
  const [result, setResult] = useState<{ determination: Determination; name?: string }>();
  const [problem, setProblem] = useState<Problem>();
  const idNumber = Form.useWatch(['child', 'idNumber'], form) as string | undefined;
  const asOf = Form.useWatch('asOf', form) as string | undefined;
  const info = idNumberInfo(idNumber, asOf);

  const initial = defaultFactsValues(todayInChina(), me.jurisdiction.code);

  const submit = async () => {
    let values: FactsFormValues;
    try {
      values = await form.validateFields();
    } catch {
      setProblem({ title: '请先修改标红的项目', items: [] });
      return;
    }
    setProblem(undefined);
    const { facts, roles } = toChildFacts(values);
    try {
      const determination = await evaluate.mutateAsync(facts);
      setResult({ determination, name: values.child.name?.trim() });
    } catch (err) {
      setResult(undefined);
      if (err instanceof ApiError && err.issues.length > 0) {
        const placed = placeFactsIssues(err.issues, roles);
        // issueField only returns names of fields this form renders.
        form.setFields(placed.fields as Parameters<typeof form.setFields>[0]);
        setProblem({ title: `有 ${placed.summary.length} 处信息需要修改`, items: placed.summary });
      } else {
        setProblem({ title: errorMessage(err), items: [] });
      }
    }
  };

  const loadExample = () => {
    form.resetFields();
    form.setFieldsValue(fromChildFacts(INTERCHANGE_EXAMPLE));
    setProblem(undefined);
    setResult(undefined);
  };

  const reset = () => {
    form.resetFields();
    setProblem(undefined);
    setResult(undefined);
  };

  return (
    <Row gutter={[16, 16]} align="top">
      <Col xs={24} xl={14}>
        <Form<FactsFormValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          onValuesChange={(changed: Partial<FactsFormValues>) => {
            // The birth date follows a valid ID number (read-only while one is given).
            const derived = idNumberInfo(changed.child?.idNumber, undefined);
            if (derived) form.setFieldValue(['child', 'birthDate'], derived.birthDate);
          }}
          onFinish={() => void submit()}
        >
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Alert
              type="info"
              showIcon
              title="按填写的情况和政策包进行资格认定测算，结果不保存、不产生任何业务记录。"
              action={
                <Button size="small" icon={<ExperimentOutlined />} onClick={loadExample}>
                  载入示例
                </Button>
              }
            />
            {problem && (
              <Alert
                type="error"
                showIcon
                title={problem.title}
                data-testid="evaluate-problem"
                description={
                  problem.items.length > 0 && (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {problem.items.map((i, k) => (
                        <li key={k}>
                          {i.label}：{i.message}
                        </li>
                      ))}
                    </ul>
                  )
                }
              />
            )}
            <Card size="small" title="测算条件">
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="asOf"
                    label="测算日期"
                    rules={[{ required: true, message: '请选择测算日期' }]}
                  >
                    <DateField />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="policy" label="适用政策包">
                    <Select
                      allowClear
                      placeholder="按户籍地自动选择"
                      options={packs.map((p) => ({ value: p.id, label: p.name }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card size="small" title="儿童情况">
              <ChildFields info={info} />
            </Card>
            <ParentFields />
            <Card size="small" title="困境情形（宁夏分类）">
              <HardshipFields />
            </Card>
            <Card size="small" title="家庭救助">
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name={['household', 'assistance']} label="家庭救助类型">
                    <Select options={ASSISTANCE_OPTIONS} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={['household', 'receivedYuan']}
                    label="已享受救助金额（元/月）"
                    extra="低保、特困或困难残疾人生活补贴，用于补差计算"
                    rules={[
                      {
                        validator: (_, v: string | undefined) =>
                          !v || isYuanAmount(v)
                            ? Promise.resolve()
                            : Promise.reject(new Error('请输入金额（元，最多两位小数）')),
                      },
                    ]}
                  >
                    <Input suffix="元" inputMode="decimal" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Space>
              <Button
                type="primary"
                htmlType="submit"
                icon={<CalculatorOutlined />}
                loading={evaluate.isPending}
              >
                测算
              </Button>
              <Button icon={<UndoOutlined />} onClick={reset}>
                重置
              </Button>
            </Space>
          </Space>
        </Form>
      </Col>
      <Col xs={24} xl={10} style={{ position: 'sticky', top: 16 }}>
        <Card title="测算结果" size="small">
          <Spin spinning={evaluate.isPending}>
            {result ? (
              <DeterminationView result={result.determination} name={result.name} />
            ) : (
              <Empty
                description="填写左侧信息后点击“测算”，或先“载入示例”看看"
                style={{ padding: '32px 0' }}
              />
            )}
          </Spin>
        </Card>
      </Col>
    </Row>
  );
}
