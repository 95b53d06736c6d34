import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isValidIdNumber } from '../../../domain/shared/id-number.ts';
import { errorMessage } from '../../api/client.ts';
import { useLeadAction, type LeadDetail } from './matching.api.ts';

interface Condition {
  kind: string;
  since?: string;
  until?: string;
}

/** The parents' conditions the rosters showed (add-condition changes), as facts to pre-fill. */
function parentsFrom(lead: LeadDetail) {
  const byRole = new Map<string, Condition[]>();
  for (const c of lead.suggestedChanges as { op: string; parent?: string; condition?: Condition }[]) {
    if (c.op !== 'add-condition' || !c.parent || !c.condition) continue;
    byRole.set(c.parent, [...(byRole.get(c.parent) ?? []), c.condition]);
  }
  return [...byRole].map(([role, conditions]) => ({ role, conditions }));
}

/** 主动帮助申请 for a child not yet on file: the lead holds no ID number, so the township types it. */
export function DiscoverApply({ lead }: { lead: LeadDetail }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ idNumber: string; applicant: string }>();
  const act = useLeadAction(lead.id);
  const navigate = useNavigate();
  const submit = async () => {
    const v = await form.validateFields();
    const done = await act.mutateAsync({
      action: 'start-application',
      child: {
        facts: {
          child: {
            idNumber: v.idNumber.trim().toUpperCase(),
            name: lead.person?.name,
            hukouRegion: lead.hukouRegion,
            placement: 'kinship',
            schooling: 'compulsory',
          },
          parents: parentsFrom(lead),
          household: { assistance: 'none', receivedMonthlyFen: 0 },
        },
      },
      applicant: { kind: 'village-committee', name: v.applicant, relation: '村（居）委会' },
      comment: `信息比对发现：${lead.title}`,
    });
    setOpen(false);
    if (done.outcomeRef) void navigate(`/applications/${done.outcomeRef}`);
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        主动帮助申请（建档）
      </Button>
      <Modal
        title={`为 ${lead.person?.name ?? ''} 建档并发起申请`}
        open={open}
        okText="建档并申请"
        cancelText="取消"
        confirmLoading={act.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => void submit().catch(() => undefined)}
      >
        <Form form={form} layout="vertical" initialValues={{ applicant: '村（居）民委员会' }}>
          <Form.Item
            name="idNumber"
            label="公民身份号码"
            extra="线索只保存身份号码的加密摘要，请核实后填写。父母状况按名单信息预填，可在档案中修改。"
            rules={[
              { required: true, message: '请填写公民身份号码' },
              {
                validator: (_, v: string) =>
                  !v || isValidIdNumber(v.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error('公民身份号码校验不通过')),
              },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="applicant"
            label="申请人（主动帮助申请）"
            rules={[{ required: true, message: '请填写申请人' }]}
          >
            <Input />
          </Form.Item>
        </Form>
        {act.isError && <Alert type="error" showIcon title={errorMessage(act.error)} />}
      </Modal>
    </>
  );
}
