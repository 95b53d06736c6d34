import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import type { GUARDIANSHIP_HARMS, HARDSHIP_KINDS } from '../../../domain/eligibility/codes.ts';
import { api, errorMessage } from '../../api/client.ts';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { DateInput } from '../applications/DateInput.tsx';
import {
  useExitChild,
  useUpdateFacts,
  useUploadAttachment,
  type ChildFile,
  type DeterminationsView,
} from './children.api.ts';
import { applyChange, FACT_CHANGE_KINDS, type ChangeValues, type FactChangeKind } from './fact-changes.ts';
import {
  ASSISTANCE_LABELS,
  CATEGORY_COLORS,
  DISABILITY_KIND_LABELS,
  PLACEMENT_LABELS,
  SCHOOLING_LABELS,
  categoryLabel,
  formatFen,
  options,
} from './labels.ts';
import { Explanations } from './tabs/DeterminationTab.tsx';
import { ATTACHMENT_KIND_LABELS } from './tabs/AttachmentsTab.tsx';

export const HARDSHIP_LABELS: Record<(typeof HARDSHIP_KINDS)[number], string> = {
  accident: '意外事故',
  disaster: '自然灾害',
  'sudden-illness': '突发重大疾病',
  other: '其他特殊困难',
};
export const HARM_LABELS: Record<(typeof GUARDIANSHIP_HARMS)[number], string> = {
  abuse: '虐待',
  abandonment: '遗弃',
  neglect: '监护缺失',
  injury: '意外伤害',
  'unlawful-harm': '不法侵害',
};
const GRADES = [1, 2, 3, 4].map((g) => ({ value: g, label: `${'一二三四'[g - 1]}级` }));

interface FormValues extends ChangeValues {
  kind: FactChangeKind;
  effectiveDate: string;
  reason: string;
  evidenceKind: string;
}

/** The fields of one kind of change. */
function KindFields({ kind, child }: { kind: FactChangeKind; child: ChildFile }) {
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

function initialValues(child: ChildFile, kind: FactChangeKind): Partial<FormValues> {
  const c = child.facts.child;
  return {
    kind,
    reason: FACT_CHANGE_KINDS[kind].reason,
    evidenceKind: FACT_CHANGE_KINDS[kind].evidence,
    disabilityKind: c.disability?.kind,
    grade: c.disability?.grade,
    illness: c.seriousIllness,
    schooling: c.schooling,
    hiv: c.hiv,
    placement: c.placement === 'adopted' ? undefined : c.placement,
    assistance: child.facts.household.assistance,
    receivedYuan: (child.facts.household.receivedMonthlyFen / 100).toFixed(2),
    harms: c.guardianshipHarm ?? [],
  };
}

/** What the engine decided after the change: today's determination and the file's exit, if any. */
function Outcome({ view, file }: { view: DeterminationsView; file: ChildFile }) {
  const d = view.evaluated;
  return (
    <Flex vertical gap={12} data-testid="fact-change-outcome">
      {file.exit && (
        <Alert
          type="warning"
          showIcon
          title={`退出保障：${file.exit.reasonLabel}`}
          description={file.exit.explanation}
        />
      )}
      {view.problem && <Alert type="warning" showIcon title={view.problem} />}
      {d && (
        <Card
          size="small"
          title={`变更后的认定结果（${d.asOf}，第 ${view.evaluatedFactsVersion ?? '—'} 版事实）`}
        >
          <div style={{ marginBottom: 8 }}>
            {d.categories.length === 0 ? (
              <Typography.Text type="secondary">不符合分类保障条件</Typography.Text>
            ) : (
              d.categories.map((c) => (
                <Tag key={c} color={CATEGORY_COLORS[c as keyof typeof CATEGORY_COLORS]}>
                  {categoryLabel(c)}
                </Tag>
              ))
            )}
            <Typography.Text strong style={{ marginLeft: 8 }}>
              月保障金额 {formatFen(d.monthlyTotalFen)}
            </Typography.Text>
          </div>
          <Explanations determination={d} />
        </Card>
      )}
    </Flex>
  );
}

/**
 * 登记事实变更: one dated change of the child's facts (or death / a move away, recorded as an
 * exit), with its effective date and evidence; the server re-determines from the date, and the
 * engine's new determination is shown before the dialog closes.
 */
export function FactChangeModal({
  child,
  kinds,
  onClose,
}: {
  child: ChildFile;
  kinds: readonly FactChangeKind[];
  onClose: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? kinds[0]!;
  const update = useUpdateFacts(child.id);
  const exit = useExitChild(child.id);
  const upload = useUploadAttachment(child.id);
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File>();
  const [error, setError] = useState<string>();
  const [outcome, setOutcome] = useState<{ view: DeterminationsView; file: ChildFile }>();
  const busy = update.isPending || exit.isPending || upload.isPending;

  const submit = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(undefined);
    try {
      const request = applyChange(child.facts, v.kind, v, v.effectiveDate);
      const evidence = file ? (await upload.mutateAsync({ file, kind: v.evidenceKind })).id : undefined;
      const saved =
        request.type === 'exit'
          ? await exit.mutateAsync({
              reason: request.reason,
              eventDate: request.eventDate,
              note: v.reason.trim(),
              ...(evidence ? { evidenceAttachmentId: evidence } : {}),
            })
          : await update.mutateAsync({
              facts: request.facts,
              reason: v.reason.trim(),
              expectedVersion: child.version,
              effectiveDate: v.effectiveDate,
              ...(evidence ? { evidenceAttachmentId: evidence } : {}),
            });
      const view = await queryClient.fetchQuery({
        queryKey: ['children', child.id, 'determinations'],
        queryFn: () =>
          api.get<DeterminationsView>(`/children/${encodeURIComponent(child.id)}/determinations`),
      });
      setOutcome({ view, file: saved });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Modal
      open
      width={760}
      title={outcome ? '已登记变更' : `登记事实变更 · ${child.name}`}
      maskClosable={false}
      onCancel={onClose}
      footer={
        outcome ? (
          <Button type="primary" onClick={onClose}>
            完成
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button
              type="primary"
              loading={busy}
              onClick={() => void submit()}
              data-testid="fact-change-save"
            >
              保存变更
            </Button>
          </Space>
        )
      }
    >
      {outcome ? (
        <Outcome view={outcome.view} file={outcome.file} />
      ) : (
        <>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form<FormValues>
            form={form}
            name="factChange"
            layout="vertical"
            initialValues={initialValues(child, kinds[0]!)}
            onValuesChange={(changed: Partial<FormValues>) => {
              if (changed.kind) form.setFieldsValue(initialValues(child, changed.kind));
            }}
          >
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name="kind" label="变更事项">
                  <Select options={kinds.map((k) => ({ value: k, label: FACT_CHANGE_KINDS[k].label }))} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="effectiveDate"
                  label="生效日期"
                  rules={[{ required: true, message: '请选择生效日期' }]}
                  extra="如发证、确诊、入学、收养、死亡之日；非当月1日的，自次月起重新认定"
                >
                  <DateInput />
                </Form.Item>
              </Col>
            </Row>
            <KindFields kind={kind} child={child} />
            <Form.Item
              name="reason"
              label="变更原因"
              rules={[{ required: true, whitespace: true, message: '请填写变更原因' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Row gutter={16} align="bottom">
              <Col span={10}>
                <Form.Item name="evidenceKind" label="证明材料（选填）">
                  <Select options={options(ATTACHMENT_KIND_LABELS)} />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item>
                  <Upload
                    accept=".pdf,.jpg,.jpeg,.png"
                    maxCount={1}
                    beforeUpload={(f) => {
                      setFile(f);
                      return false;
                    }}
                    onRemove={() => setFile(undefined)}
                  >
                    <Button icon={<UploadOutlined />}>选择文件（PDF/JPG/PNG，≤10 MB）</Button>
                  </Upload>
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </>
      )}
    </Modal>
  );
}
