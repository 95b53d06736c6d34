import { Alert, Checkbox, Col, Form, Input, Row, Select, Switch } from 'antd';
import {
  GUARDIANSHIP_HARM_LABELS as HARM_LABELS,
  HARDSHIP_LABELS,
} from '../../../domain/eligibility/codes.ts';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { DateInput } from '../applications/DateInput.tsx';
import type { ChildFile } from './children.api.ts';
import type { FactChangeKind } from './fact-changes.ts';
import {
  ASSISTANCE_LABELS,
  DISABILITY_KIND_LABELS,
  PLACEMENT_LABELS,
  SCHOOLING_LABELS,
  options,
} from './labels.ts';

const GRADES = [1, 2, 3, 4].map((g) => ({ value: g, label: `${'一二三四'[g - 1]}级` }));

/** The fields of one kind of change. */
export function KindFields({ kind, child }: { kind: FactChangeKind; child: ChildFile }) {
  const ended = Form.useWatch<boolean | undefined>('ended', Form.useFormInstance());
  switch (kind) {
    case 'disability':
      return (
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="disabilityKind"
              label="残疾类别"
              rules={[{ required: !ended, message: '请选择残疾类别' }]}
            >
              <Select options={options(DISABILITY_KIND_LABELS)} disabled={ended} placeholder="选择类别" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="grade"
              label="残疾等级"
              rules={[{ required: !ended, message: '请选择残疾等级' }]}
            >
              <Select options={GRADES} disabled={ended} placeholder="选择等级" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="ended" label="残疾人证注销" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'illness':
      return (
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="illness" label="疾病名称" extra="按政策包的重病目录判断">
              <Input placeholder="如：白血病" maxLength={60} disabled={ended} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="ended" label="已痊愈" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'schooling':
      return (
        <Form.Item name="schooling" label="就读阶段" rules={[{ required: true, message: '请选择就读阶段' }]}>
          <Select options={options(SCHOOLING_LABELS)} />
        </Form.Item>
      );
    case 'hiv':
      return (
        <Form.Item name="hiv" label="感染艾滋病病毒" valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      );
    case 'residence':
      return (
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="residenceRegion" label="新居住地" extra="居住起始日期即生效日期">
              <RegionPicker placeholder="选择居住地" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hukouRegion" label="新户籍地（本辖区内迁移）">
              <RegionPicker placeholder="不变则不填" />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'placement':
      return (
        <Form.Item name="placement" label="安置方式" rules={[{ required: true, message: '请选择安置方式' }]}>
          <Select options={options(PLACEMENT_LABELS).filter((o) => o.value !== 'adopted')} />
        </Form.Item>
      );
    case 'household':
      return (
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="assistance" label="家庭救助类型">
              <Select options={options(ASSISTANCE_LABELS)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="receivedYuan"
              label="已享受低保/特困/困难残疾人生活补贴（元/月）"
              rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: '金额最多两位小数' }]}
            >
              <Input />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'hardship': {
      const recorded = child.facts.child.hardships ?? [];
      return (
        <Row gutter={16}>
          {recorded.length > 0 && (
            <Col span={24}>
              <Form.Item name="endHardship" label="结束已登记的临时困境（选填）">
                <Select
                  allowClear
                  placeholder="不选则新增一条"
                  options={recorded.map((h, i) => ({
                    value: i,
                    label: `${HARDSHIP_LABELS[h.kind as keyof typeof HARDSHIP_LABELS] ?? h.kind}（${h.since} 起${h.until ? `，至 ${h.until}` : ''}）`,
                  }))}
                />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="hardshipKind" label="困境类型" extra="起始日期即生效日期">
              <Select options={options(HARDSHIP_LABELS)} placeholder="选择类型" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hardshipUntil" label="预计结束日期（选填）">
              <DateInput />
            </Form.Item>
          </Col>
        </Row>
      );
    }
    case 'harm':
      return (
        <Form.Item name="harms" label="遭受的伤害（可多选；全部取消即解除）">
          <Checkbox.Group options={options(HARM_LABELS)} />
        </Form.Item>
      );
    case 'adoption':
      return <Alert type="info" showIcon title="收养之日起安置方式改为“已收养”；依法被收养无渐退期。" />;
    case 'death':
      return <Alert type="warning" showIcon title="将按死亡办理退出保障：死亡无渐退期，发放至死亡当月。" />;
    case 'movedAway':
      return (
        <Alert
          type="warning"
          showIcon
          title="户籍迁出本辖区：由迁入地重新申请认定，本辖区发放至迁出当月，无渐退期。"
        />
      );
  }
}
