import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { ageAt } from '../../../domain/shared/dates.ts';
import { parseIdNumber } from '../../../domain/shared/id-number.ts';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { DateField } from './DateField.tsx';
import { DISABILITY_KIND_OPTIONS, GRADE_OPTIONS, PLACEMENT_OPTIONS, SCHOOLING_OPTIONS } from './labels.ts';

/** What an ID number tells about the child, shown read-only next to it. */
export function idNumberInfo(raw: string | undefined, asOf: string | undefined) {
  const s = raw?.trim();
  if (!s) return undefined;
  const r = parseIdNumber(s);
  if (!r.ok) return undefined;
  const { birthDate, sex } = r.value;
  const age = asOf && asOf >= birthDate ? ageAt(birthDate, asOf) : undefined;
  return { birthDate, sex: sex === 'male' ? '男' : '女', age };
}

/** The domain's own check (GB 11643 check character, real birth date), with its Chinese message. */
const idRule = {
  validator: (_: unknown, v: string | undefined) => {
    if (!v?.trim()) return Promise.resolve();
    const r = parseIdNumber(v);
    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
  },
};

export function ChildFields({ info }: { info: ReturnType<typeof idNumberInfo> }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name={['child', 'idNumber']}
          label="公民身份号码"
          rules={[idRule]}
          validateFirst
          extra="自动带出出生日期和性别"
        >
          <Input placeholder="18位，末位可为X" maxLength={18} allowClear />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['child', 'name']} label="姓名">
          <Input placeholder="可选，仅用于显示" maxLength={40} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name={['child', 'birthDate']} label="出生日期" tooltip="无公民身份号码时填写">
          <DateField disabled={info !== undefined} />
        </Form.Item>
      </Col>
      <Col xs={6} md={8}>
        <Form.Item label="性别" htmlFor="child_sex">
          <Input id="child_sex" value={info?.sex ?? ''} placeholder="由身份号码带出" disabled />
        </Form.Item>
      </Col>
      <Col xs={6} md={8}>
        <Form.Item label="测算日年龄" htmlFor="child_age">
          <Input
            id="child_age"
            value={info?.age === undefined ? '' : `${info.age} 周岁`}
            placeholder="自动计算"
            disabled
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name={['child', 'hukouRegion']}
          label="户籍地"
          rules={[{ required: true, message: '请选择户籍地' }]}
        >
          <RegionPicker placeholder="选择户籍地区划" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['child', 'residenceRegion']} label="居住地" extra="不填则与户籍地相同">
          <RegionPicker placeholder="选择居住地区划" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['child', 'residentSince']} label="居住起始日期">
          <DateField />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name={['child', 'placement']} label="安置方式">
          <Select options={PLACEMENT_OPTIONS} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name={['child', 'schooling']} label="就读阶段">
          <Select options={SCHOOLING_OPTIONS} />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name={['child', 'disability', 'kind']} label="本人残疾类别">
          <Select options={DISABILITY_KIND_OPTIONS} allowClear placeholder="无" />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name={['child', 'disability', 'grade']} label="残疾等级">
          <Select options={GRADE_OPTIONS} allowClear placeholder="—" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['child', 'hiv']} label="感染艾滋病病毒" valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name={['child', 'seriousIllness']}
          label="本人重病名称"
          extra="按政策包的重病目录判断，病名包含目录中任一项即可"
        >
          <Input placeholder="如：白血病；无则不填" maxLength={60} />
        </Form.Item>
      </Col>
    </Row>
  );
}
