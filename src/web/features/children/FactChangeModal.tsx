import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client.ts';
import { DateInput } from '../applications/DateInput.tsx';
import {
  useExitChild,
  useUpdateFacts,
  useUploadAttachment,
  type ChildFile,
  type DeterminationsView,
} from './children.api.ts';
import { KindFields } from './FactChangeFields.tsx';
import { applyChange, FACT_CHANGE_KINDS, type ChangeValues, type FactChangeKind } from './fact-changes.ts';
import { CATEGORY_COLORS, categoryLabel, formatFen, options } from './labels.ts';
import { Explanations } from './tabs/DeterminationTab.tsx';
import { ATTACHMENT_ACCEPT, ATTACHMENT_KIND_LABELS } from './tabs/AttachmentsTab.tsx';

interface FormValues extends ChangeValues {
  kind: FactChangeKind;
  effectiveDate: string;
  reason: string;
  evidenceKind: string;
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
                    accept={ATTACHMENT_ACCEPT}
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
