import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Select, Upload } from 'antd';
import { useState } from 'react';
import { Permission } from '../../../domain/access/roles.ts';
import { EXIT_REASON_LABELS, EXIT_REASONS, type ExitReason } from '../../../domain/eligibility/codes.ts';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';
import { DateInput } from '../applications/DateInput.tsx';
import {
  attachmentUrl,
  useAttachments,
  useExitChild,
  useUploadAttachment,
  type ChildFile,
} from './children.api.ts';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_KIND_LABELS,
  attachmentTooLarge,
  MAX_ATTACHMENT_MB,
} from './tabs/AttachmentsTab.tsx';

const SOURCE_LABELS = {
  facts: '事实变更',
  action: '退出办理',
  review: '资格复审',
  time: '到期自动退出',
} as const;

/** Reasons a person records by hand; a category switch to orphan follows from the facts. */
export const MANUAL_EXIT_REASONS = EXIT_REASONS.filter((r) => r !== 'recognized-orphan').map((r) => ({
  value: r,
  label: EXIT_REASON_LABELS[r],
}));

/** 认定与保障: the recorded exit (reason in Chinese, 渐退期, last paid month) or the exit action. */
export function ExitPanel({ child }: { child: ChildFile }) {
  const { permissions } = useSession();
  const [open, setOpen] = useState(false);
  const e = child.exit;
  const evidenceId = e?.evidenceAttachmentId ?? null;
  const attachments = useAttachments(child.id, evidenceId !== null);
  const evidence = attachments.data?.items.find((a) => a.id === evidenceId);
  if (e) {
    const isSwitch = e.reason === 'recognized-orphan';
    return (
      <Alert
        type={isSwitch ? 'info' : 'warning'}
        showIcon
        style={{ marginBottom: 16 }}
        title={
          isSwitch ? `已认定为孤儿：自${e.switchToOrphanFrom}起按孤儿保障` : `退出保障：${e.reasonLabel}`
        }
        description={
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'date', label: '退出事件日期', children: e.eventDate },
              {
                key: 'gradual',
                label: '渐退期',
                children: e.gradualExitMonths > 0 ? `${e.gradualExitMonths}个月` : '无',
              },
              { key: 'last', label: '末次发放月份', children: e.lastPaidMonth },
              { key: 'source', label: '来源', children: SOURCE_LABELS[e.source] },
              {
                key: 'text',
                label: '说明',
                span: 2,
                children: e.note ? `${e.explanation}；${e.note}` : e.explanation,
              },
              ...(evidenceId
                ? [
                    {
                      key: 'evidence',
                      label: '证明材料',
                      children: (
                        <a href={attachmentUrl(child.id, evidenceId)} target="_blank" rel="noreferrer">
                          {evidence?.fileName ?? '查看'}
                        </a>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        }
      />
    );
  }
  if (child.status !== 'active' || !permissions.has(Permission.childWrite)) return null;
  return (
    <div style={{ marginBottom: 12, textAlign: 'right' }}>
      <Button danger onClick={() => setOpen(true)}>
        办理退出
      </Button>
      {open && <ExitModal child={child} onClose={() => setOpen(false)} />}
    </div>
  );
}

/** The kind a new evidence file is filed under, by exit reason (other reasons: 其他材料). */
const EVIDENCE_KIND: Partial<Record<ExitReason, string>> = {
  died: 'death-certificate',
  'parent-released': 'prison-certificate',
  recovered: 'medical-record',
};

interface ExitValues {
  reason: ExitReason;
  eventDate: string;
  note?: string;
  evidenceAttachmentId?: string;
}

function ExitModal({ child, onClose }: { child: ChildFile; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ExitValues>();
  const exit = useExitChild(child.id);
  const attachments = useAttachments(child.id, true);
  const upload = useUploadAttachment(child.id);
  const reason = Form.useWatch('reason', form);
  // A new evidence file, uploaded when the exit is saved (instead of one of the file's attachments).
  const [file, setFile] = useState<File>();
  const [error, setError] = useState<string>();
  const kind = (reason && EVIDENCE_KIND[reason]) ?? 'other';
  const submit = async () => {
    let values: ExitValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(undefined);
    try {
      const evidence = file ? (await upload.mutateAsync({ file, kind })).id : values.evidenceAttachmentId;
      const saved = await exit.mutateAsync({
        ...values,
        ...(evidence ? { evidenceAttachmentId: evidence } : {}),
      });
      void message.success(`已办理退出，末次发放月份 ${saved.exit?.lastPaidMonth ?? ''}`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      open
      title={`办理退出 · ${child.name}`}
      okText="确认退出"
      okButtonProps={{ danger: true, loading: exit.isPending || upload.isPending }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="渐退期按政策包计算：死亡、收养、户籍迁出无渐退期。"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" name="exit">
        <Form.Item name="reason" label="退出原因" rules={[{ required: true, message: '请选择退出原因' }]}>
          <Select options={MANUAL_EXIT_REASONS} placeholder="选择退出原因" />
        </Form.Item>
        <Form.Item
          name="eventDate"
          label="退出事件日期"
          rules={[{ required: true, message: '请选择退出事件日期' }]}
        >
          <DateInput />
        </Form.Item>
        <Form.Item
          name="evidenceAttachmentId"
          label="证明材料（选填）"
          extra={
            file
              ? `将上传 ${file.name}，归入附件「${ATTACHMENT_KIND_LABELS[kind] ?? kind}」`
              : '从本档案的附件中选择，或在下方上传新材料，如死亡证明、收养登记证'
          }
        >
          <Select
            allowClear
            disabled={file !== undefined}
            placeholder={attachments.data?.items.length ? '选择附件' : '本档案暂无附件'}
            options={(attachments.data?.items ?? []).map((a) => ({
              value: a.id,
              label: `${ATTACHMENT_KIND_LABELS[a.kind] ?? a.kind} · ${a.fileName}`,
            }))}
          />
        </Form.Item>
        <Form.Item>
          <Upload
            accept={ATTACHMENT_ACCEPT}
            maxCount={1}
            beforeUpload={(f) => {
              if (attachmentTooLarge(f, message)) return Upload.LIST_IGNORE;
              setFile(f);
              form.setFieldValue('evidenceAttachmentId', undefined);
              return false;
            }}
            onRemove={() => setFile(undefined)}
          >
            <Button icon={<UploadOutlined />}>上传新材料（PDF/JPG/PNG，≤{MAX_ATTACHMENT_MB} MB）</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
