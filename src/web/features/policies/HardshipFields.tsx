import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Row, Select, Typography } from 'antd';
import {
  GUARDIANSHIP_HARM_LABELS,
  GUARDIANSHIP_HARMS,
  HARDSHIP_KINDS,
  HARDSHIP_LABELS,
} from '../../../domain/eligibility/codes.ts';
import { DateField } from './DateField.tsx';

const HARDSHIP_OPTIONS = HARDSHIP_KINDS.map((value) => ({ value, label: HARDSHIP_LABELS[value] }));
const HARM_OPTIONS = GUARDIANSHIP_HARMS.map((value) => ({ value, label: GUARDIANSHIP_HARM_LABELS[value] }));

/**
 * The child's 临时困境 events and harm from absent or improper guardianship (宁政发〔2017〕86号
 * §二（三）（四）): only packs with the Ningxia taxonomy derive categories from them.
 */
export function HardshipFields() {
  return (
    <>
      <Form.Item
        name={['child', 'guardianshipHarm']}
        label="监护缺失或监护不当造成的伤害"
        extra="宁夏：遭受虐待、遗弃、意外伤害、不法侵害等，认定为监护困境儿童"
      >
        <Checkbox.Group options={HARM_OPTIONS} />
      </Form.Item>
      <Typography.Text type="secondary">
        临时困境（突发事件、意外伤害、重大疾病等，起始日期必填）
      </Typography.Text>
      <Form.List name={['child', 'hardships']}>
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.length === 0 && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                未记录临时困境
              </Typography.Paragraph>
            )}
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="top">
                <Col xs={24} md={8}>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: '请选择困境类型' }]}>
                    <Select options={HARDSHIP_OPTIONS} placeholder="困境类型" aria-label="困境类型" />
                  </Form.Item>
                </Col>
                <Col xs={11} md={7}>
                  <Form.Item name={[f.name, 'since']} rules={[{ required: true, message: '请选择起始日期' }]}>
                    <DateField placeholder="起始日期" />
                  </Form.Item>
                </Col>
                <Col xs={11} md={7}>
                  <Form.Item name={[f.name, 'until']}>
                    <DateField placeholder="结束日期（可选）" />
                  </Form.Item>
                </Col>
                <Col xs={2} md={2}>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label="删除该临时困境"
                    onClick={() => remove(f.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
              添加临时困境
            </Button>
          </div>
        )}
      </Form.List>
    </>
  );
}
