import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { useSession } from '../../session/session.ts';
import {
  ASSISTANCE_LABELS,
  DISABILITY_KIND_LABELS,
  PLACEMENT_LABELS,
  SCHOOLING_LABELS,
  options,
} from '../children/labels.ts';
import { isWithinRegion } from '../../../domain/shared/region-code.ts';
import { useCreateApplication } from './applications.api.ts';
import { HukouRegionPicker } from './HukouRegionPicker.tsx';
import { DateInput } from './DateInput.tsx';
import { formFieldOf, fromIdNumber, toFactsDocument, type ChildFormValues } from './facts-form.ts';
import { ParentsFields } from './ParentsFields.tsx';

interface ApplicationFormValues extends ChildFormValues {
  applicantKind: string;
  applicantName: string;
  applicantRelation?: string;
  applicantPhone?: string;
  comment?: string;
}

const APPLICANT_KINDS = [
  { value: 'guardian', label: '监护人申请' },
  { value: 'relative', label: '亲属申请' },
  { value: 'village-committee', label: '村（居）委会代为申请' },
];

/** 新建申请: a new child's file and the application in one step (the village helps the family apply). */
export function NewApplicationPage() {
  const [form] = Form.useForm<ApplicationFormValues>();
  const { me } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const create = useCreateApplication();
  const [formError, setFormError] = useState<string>();
  const idNumber = Form.useWatch('idNumber', form);
  const fromId = fromIdNumber(idNumber);
  // A village or township user applies for children of their own unit: start there.
  const ownUnit = me.jurisdiction.code.length >= 9 ? me.jurisdiction.code : undefined;
  // 跨省通办: a township takes in applications for children whose 户籍 is anywhere in the country.
  const township = me.jurisdiction.code.length === 9;
  const hukou = Form.useWatch('hukouRegion', form);
  const remote = township && typeof hukou === 'string' && !isWithinRegion(hukou, me.jurisdiction.code);

  const submit = async () => {
    let values: ApplicationFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setFormError(undefined);
    const facts = toFactsDocument(values);
    try {
      const { application, warnings } = await create.mutateAsync({
        child: { facts, ...(fromId ? {} : { sex: values.sex }) },
        applicant: {
          kind: values.applicantKind,
          name: values.applicantName.trim(),
          ...(values.applicantRelation ? { relation: values.applicantRelation } : {}),
          ...(values.applicantPhone ? { phone: values.applicantPhone } : {}),
        },
        ...(values.comment ? { comment: values.comment } : {}),
      });
      void message.success(
        application.path === 'remote'
          ? `已异地受理（${application.no}），请在3个工作日内转交户籍地`
          : `申请已提交（${application.no}），等待乡镇查验`,
      );
      if (warnings.length > 0)
        modal.warning({ title: '请核实', content: warnings.map((w) => w.message).join('\n') });
      void navigate(`/applications/${application.id}`);
    } catch (err) {
      if (!(err instanceof ApiError)) return setFormError(errorMessage(err));
      const placed = err.issues.flatMap((i) => {
        const name = formFieldOf(i.path, facts);
        return name ? [{ name, errors: [i.message] }] : [];
      });
      form.setFields(placed as Parameters<typeof form.setFields>[0]);
      setFormError(placed.length === err.issues.length && placed.length > 0 ? undefined : err.message);
    }
  };

  return (
    <Card title="新建申请" extra={<Button onClick={() => void navigate('/applications')}>返回</Button>}>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      {remote && (
        <Alert
          type="info"
          showIcon
          data-testid="remote-intake"
          style={{ marginBottom: 16 }}
          title="异地受理（跨省通办）"
          description="该儿童户籍不在本辖区：由本乡镇（街道）受理，3个工作日内转交户籍地乡镇查验，户籍地县级民政部门确认后由本乡镇告知申请人。儿童档案在户籍地建立，本乡镇仅可查看本次受理的信息、办理进度和结果。"
        />
      )}
      <Form<ApplicationFormValues>
        form={form}
        name="application"
        layout="vertical"
        initialValues={{
          hukouRegion: ownUnit,
          placement: 'kinship',
          schooling: 'compulsory',
          hiv: false,
          assistance: 'none',
          applicantKind: 'village-committee',
          applicantName: me.jurisdiction.name,
          father: { conditions: [] },
          mother: { conditions: [] },
        }}
        onValuesChange={(changed: Partial<ApplicationFormValues>) => {
          if ('idNumber' in changed) {
            const info = fromIdNumber(changed.idNumber);
            if (info) form.setFieldsValue(info);
          }
        }}
      >
        <Divider titlePlacement="start">儿童基本信息</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="name"
              label="姓名"
              rules={[{ required: true, whitespace: true, message: '请填写儿童姓名' }]}
            >
              <Input autoComplete="off" maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="idNumber"
              label="公民身份号码"
              extra="填写后自动带出出生日期和性别；无身份证号可留空（生成临时档案号）"
            >
              <Input autoComplete="off" maxLength={18} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item
              name="birthDate"
              label="出生日期"
              rules={[{ required: true, message: '请选择出生日期' }]}
            >
              <DateInput disabled={fromId !== undefined} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="sex" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
              <Radio.Group
                disabled={fromId !== undefined}
                options={[
                  { value: 'male', label: '男' },
                  { value: 'female', label: '女' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="hukouRegion"
              label="户籍地"
              rules={[{ required: true, message: '请选择户籍地' }]}
              extra={
                township
                  ? '可选择全国任一乡镇（街道）或村（居）；外地户籍按异地受理办理'
                  : '须选择到乡镇（街道）或村（居）'
              }
            >
              {township ? <HukouRegionPicker /> : <RegionPicker placeholder="选择户籍地" />}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="residenceRegion" label="居住地" extra="与户籍地相同可不填">
              <RegionPicker placeholder="选择居住地" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="residentSince" label="居住起始日期">
              <DateInput />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="placement" label="安置方式">
              <Select options={options(PLACEMENT_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="schooling" label="就读阶段">
              <Select options={options(SCHOOLING_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="disabilityKind" label="本人残疾类别">
              <Select allowClear options={options(DISABILITY_KIND_LABELS)} placeholder="无" />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="disabilityGrade" label="残疾等级">
              <InputNumber min={1} max={4} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={3}>
            <Form.Item name="hiv" label="感染艾滋病病毒" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="seriousIllness" label="本人重病（如有）">
              <Input placeholder="疾病名称" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">父母情况</Divider>
        <ParentsFields />

        <Divider titlePlacement="start">家庭救助</Divider>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="assistance" label="家庭救助类型">
              <Select options={options(ASSISTANCE_LABELS)} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="receivedYuan"
              label="已享受救助金额（元/月）"
              rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: '金额最多两位小数' }]}
            >
              <Input placeholder="0.00" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">申请人</Divider>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="applicantKind" label="申请方式">
              <Select options={APPLICANT_KINDS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="applicantName"
              label="申请人"
              rules={[{ required: true, whitespace: true, message: '请填写申请人' }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="applicantRelation" label="与儿童关系">
              <Input placeholder="如：祖母" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="applicantPhone" label="联系电话">
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="comment" label="情况说明">
              <Input.TextArea rows={3} maxLength={500} showCount placeholder="家庭情况、已收集的证明材料等" />
            </Form.Item>
          </Col>
        </Row>
        <Flex justify="end">
          <Space>
            <Button onClick={() => void navigate('/applications')}>取消</Button>
            <Button type="primary" loading={create.isPending} onClick={() => void submit()}>
              {remote ? '异地受理' : '提交申请'}
            </Button>
          </Space>
        </Flex>
      </Form>
    </Card>
  );
}
