import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import { todayInChina } from '../../components/today.ts';
import { useState } from 'react';
import { applyServerError } from '../../components/form-errors.ts';
import { AdjustmentComparison } from './AdjustmentComparison.tsx';
import { DateField } from './DateField.tsx';
import { isYuanAmount } from './facts-form.ts';
import { ruleLabel } from './labels.ts';
import {
  latestApproved,
  useAdjustment,
  usePolicy,
  type AdjustmentRequest,
  type AdjustmentResult,
  type PackSummary,
} from './policies.api.ts';

interface AdjustmentValues extends AdjustmentRequest {
  pack: string;
}

const FIELDS = ['lastYearIncomeYuan', 'yearBeforeIncomeYuan', 'effectiveFrom'];
const yuanRule = {
  validator: (_: unknown, v: string | undefined) =>
    isYuanAmount(v) ? Promise.resolve() : Promise.reject(new Error('请输入金额（元，最多两位小数）')),
};

/**
 * 标准动态调整 (宁政发〔2017〕86号 §三(一)): the standards rise with rural per-capita disposable
 * income. The server computes a proposed version; approving and publishing it is not built yet.
 */
export function AdjustmentTab({ packs, initial }: { packs: PackSummary[]; initial: string | undefined }) {
  const [form] = Form.useForm<AdjustmentValues>();
  const adjust = useAdjustment();
  const [result, setResult] = useState<{ packId: string; data: AdjustmentResult }>();
  const [formError, setFormError] = useState<string>();
  const packId = Form.useWatch('pack', form) ?? initial;
  const summary = packs.find((p) => p.id === packId);
  const current = usePolicy(summary?.id, summary ? latestApproved(summary) : undefined);

  const submit = async (values: AdjustmentValues) => {
    setFormError(undefined);
    try {
      const data = await adjust.mutateAsync({
        id: values.pack,
        body: {
          lastYearIncomeYuan: values.lastYearIncomeYuan.trim().replace(/,/g, ''),
          yearBeforeIncomeYuan: values.yearBeforeIncomeYuan.trim().replace(/,/g, ''),
          effectiveFrom: values.effectiveFrom,
        },
      });
      setResult({ packId: values.pack, data });
    } catch (err) {
      setResult(undefined);
      setFormError(applyServerError(form, err, FIELDS));
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        title="按上年度农村居民人均可支配收入增长额测算新标准：机构养育孤儿按增长额的80%、散居孤儿60%、事实无人抚养儿童50%，除以12后取整到元（宁政发〔2017〕86号 §三（一））。"
      />
      <Card size="small" title="测算条件（农村居民人均可支配收入，元/年）">
        <Form<AdjustmentValues>
          form={form}
          layout="vertical"
          initialValues={{ pack: initial, effectiveFrom: `${Number(todayInChina().slice(0, 4)) + 1}-01-01` }}
          onFinish={(v) => void submit(v)}
        >
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
          <Row gutter={16} align="bottom">
            <Col xs={24} md={6}>
              <Form.Item name="pack" label="政策包" rules={[{ required: true, message: '请选择政策包' }]}>
                <Select
                  options={packs.map((p) => ({ value: p.id, label: p.name }))}
                  placeholder="选择政策包"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name="lastYearIncomeYuan" label="上年度收入" rules={[yuanRule]}>
                <Input suffix="元" inputMode="decimal" placeholder="如 17000" />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name="yearBeforeIncomeYuan" label="前一年度收入" rules={[yuanRule]}>
                <Input suffix="元" inputMode="decimal" placeholder="如 16000" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                name="effectiveFrom"
                label="新标准生效日期"
                rules={[{ required: true, message: '请选择日期' }]}
              >
                <DateField />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={adjust.isPending} block>
                  测算新标准
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {result && (
        <Card
          size="small"
          data-testid="adjustment-result"
          title={
            <Space>
              调整建议
              <Tag color="orange">拟议（需审批后生效）</Tag>
            </Space>
          }
        >
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Alert
              type="warning"
              showIcon
              title={`拟自 ${result.data.proposal.version} 起执行，审批前现行标准不变，测算和发放均不采用拟议标准。`}
              description="审批发布功能将在后续版本提供；目前请将本测算结果随请示文件报批，批准后由系统管理员更新政策包。"
            />
            <AdjustmentComparison
              current={current.data?.id === result.packId ? current.data.standards : undefined}
              result={result.data}
            />
            {result.data.warnings.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title="审批时请注意"
                description={
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {result.data.warnings.map((w) => (
                      <li key={w}>{w}</li>
                    ))}
                  </ul>
                }
              />
            )}
            <div>
              <Typography.Title level={5}>测算说明</Typography.Title>
              <Timeline
                items={result.data.explanations.map((e, i) => ({
                  key: i,
                  content: (
                    <>
                      <div>
                        <Tag>{ruleLabel(e.rule)}</Tag>
                        {e.text}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        依据：{e.basis}
                      </Typography.Text>
                    </>
                  ),
                }))}
              />
            </div>
          </Space>
        </Card>
      )}
    </Space>
  );
}
