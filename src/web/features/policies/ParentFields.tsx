import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { DateField } from './DateField.tsx';
import { PARENT_ROLE_LABELS, PARENT_ROLES } from './facts-form.ts';
import { CONDITION_OPTIONS, DISABILITY_KIND_OPTIONS, GRADE_OPTIONS } from './labels.ts';

/** One condition of a parent; disability and illness appear for the kinds that carry them. */
function ConditionRow({ slot, index, onRemove }: { slot: number; index: number; onRemove: () => void }) {
  const form = Form.useFormInstance();
  const kind: unknown = Form.useWatch(['parents', slot, 'conditions', index, 'kind'], form);
  return (
    <Row gutter={8} align="top" wrap>
      <Col xs={24} md={8}>
        <Form.Item name={[index, 'kind']} rules={[{ required: true, message: '请选择情形' }]}>
          <Select
            options={CONDITION_OPTIONS}
            placeholder="选择情形"
            aria-label="情形"
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
      </Col>
      <Col xs={11} md={7}>
        <Form.Item name={[index, 'since']}>
          <DateField placeholder="起始日期" />
        </Form.Item>
      </Col>
      <Col xs={11} md={7}>
        <Form.Item name={[index, 'until']}>
          <DateField placeholder="截止日期（可选）" />
        </Form.Item>
      </Col>
      <Col xs={2} md={2}>
        <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除该情形" onClick={onRemove} />
      </Col>
      {kind === 'severe-disability' && (
        <>
          <Col xs={12} md={8}>
            <Form.Item name={[index, 'disability', 'kind']} label="残疾类别">
              <Select options={DISABILITY_KIND_OPTIONS} placeholder="选择类别" />
            </Form.Item>
          </Col>
          <Col xs={12} md={7}>
            <Form.Item name={[index, 'disability', 'grade']} label="残疾等级">
              <Select options={GRADE_OPTIONS} placeholder="选择等级" />
            </Form.Item>
          </Col>
        </>
      )}
      {kind === 'serious-illness' && (
        <Col xs={24} md={14}>
          <Form.Item name={[index, 'illness']} label="疾病名称">
            <Input placeholder="如：尿毒症" maxLength={60} />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}

function ParentCard({ slot }: { slot: number }) {
  const role = PARENT_ROLES[slot] ?? 'father';
  return (
    <Card size="small" title={PARENT_ROLE_LABELS[role]} data-testid={`parent-${role}`}>
      <Form.Item name={['parents', slot, 'idNumber']} label="公民身份号码">
        <Input placeholder="可选" maxLength={18} allowClear />
      </Form.Item>
      <Typography.Text type="secondary">
        状况（起始日期必填，“查找不到”除外；截止日期如预计释放日期）
      </Typography.Text>
      <Form.List name={['parents', slot, 'conditions']}>
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.length === 0 && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                未记录特殊状况
              </Typography.Paragraph>
            )}
            {fields.map((f) => (
              <ConditionRow key={f.key} slot={slot} index={f.name} onRemove={() => remove(f.name)} />
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
              添加{PARENT_ROLE_LABELS[role]}状况
            </Button>
          </div>
        )}
      </Form.List>
    </Card>
  );
}

export function ParentFields() {
  return (
    <Row gutter={[16, 16]}>
      {PARENT_ROLES.map((role, slot) => (
        <Col key={role} xs={24} xxl={12}>
          <ParentCard slot={slot} />
        </Col>
      ))}
    </Row>
  );
}
