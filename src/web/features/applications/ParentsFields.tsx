import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { PARENT_CONDITION_KINDS } from '../../../domain/eligibility/codes.ts';
import { DISABILITY_KIND_LABELS, PARENT_CONDITION_LABELS, options } from '../children/labels.ts';
import { DateInput } from './DateInput.tsx';

const KIND_OPTIONS = PARENT_CONDITION_KINDS.map((k) => ({ value: k, label: PARENT_CONDITION_LABELS[k] }));
const ROLE_LABELS = { father: '父亲', mother: '母亲' } as const;
/** Conditions whose end date matters for the rules (6-month minimum, expected release). */
const UNTIL_HINT = new Set(['imprisoned', 'drug-rehab', 'detained']);

function ConditionRow({
  role,
  name,
  remove,
}: {
  role: 'father' | 'mother';
  name: number;
  remove: () => void;
}) {
  return (
    <Row gutter={8} align="top">
      <Col span={7}>
        <Form.Item name={[name, 'kind']} rules={[{ required: true, message: '请选择状况' }]}>
          <Select options={KIND_OPTIONS} placeholder="状况" showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
      </Col>
      <Col span={7}>
        <Form.Item name={[name, 'since']}>
          <DateInput placeholder="起始日期" />
        </Form.Item>
      </Col>
      <Col span={7}>
        <Form.Item
          noStyle
          shouldUpdate={(a, b) => a[role]?.conditions?.[name]?.kind !== b[role]?.conditions?.[name]?.kind}
        >
          {({ getFieldValue }) => (
            <Form.Item name={[name, 'until']}>
              <DateInput
                placeholder={
                  UNTIL_HINT.has(getFieldValue([role, 'conditions', name, 'kind']))
                    ? '预计释放日期'
                    : '截止日期（如有）'
                }
              />
            </Form.Item>
          )}
        </Form.Item>
      </Col>
      <Col span={3}>
        <Button type="text" danger icon={<DeleteOutlined />} onClick={remove} aria-label="删除状况" />
      </Col>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) => {
          const kind = getFieldValue([role, 'conditions', name, 'kind']) as string | undefined;
          if (kind === 'severe-disability') {
            return (
              <>
                <Col span={7} offset={0}>
                  <Form.Item
                    name={[name, 'disabilityKind']}
                    rules={[{ required: true, message: '请选择残疾类别' }]}
                  >
                    <Select options={options(DISABILITY_KIND_LABELS)} placeholder="残疾类别" />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item
                    name={[name, 'disabilityGrade']}
                    rules={[{ required: true, message: '请填写等级' }]}
                  >
                    <InputNumber min={1} max={4} placeholder="等级 1–4" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </>
            );
          }
          if (kind === 'serious-illness') {
            return (
              <Col span={14}>
                <Form.Item name={[name, 'illness']} rules={[{ required: true, message: '请填写疾病名称' }]}>
                  <Input placeholder="疾病名称（按本地重病目录认定）" />
                </Form.Item>
              </Col>
            );
          }
          return null;
        }}
      </Form.Item>
    </Row>
  );
}

/** 父母情况: each parent's ID number and conditions, each with the date it began (and ended). */
export function ParentsFields() {
  return (
    <Row gutter={16}>
      {(['father', 'mother'] as const).map((role) => (
        <Col xs={24} xl={12} key={role}>
          <Card size="small" title={ROLE_LABELS[role]} style={{ marginBottom: 16 }}>
            <Form.Item name={[role, 'idNumber']} label="公民身份号码（选填）">
              <Input maxLength={18} autoComplete="off" />
            </Form.Item>
            <Typography.Text type="secondary">特殊状况（无则不填，视为正常）</Typography.Text>
            <Form.List name={[role, 'conditions']}>
              {(fields, { add, remove }) => (
                <div style={{ marginTop: 8 }}>
                  {fields.map((f) => (
                    <ConditionRow key={f.key} role={role} name={f.name} remove={() => remove(f.name)} />
                  ))}
                  <Button
                    type="dashed"
                    block
                    icon={<PlusOutlined />}
                    onClick={() => add({})}
                    data-testid={`add-${role}-condition`}
                  >
                    添加{ROLE_LABELS[role]}状况
                  </Button>
                </div>
              )}
            </Form.List>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
