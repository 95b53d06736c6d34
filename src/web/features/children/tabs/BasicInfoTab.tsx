import { EditOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex } from 'antd';
import { useState } from 'react';
import { Permission } from '../../../../domain/access/roles.ts';
import { useSession } from '../../../session/session.ts';
import type { ChildFile } from '../children.api.ts';
import { kindsOfTab } from '../fact-changes.ts';
import { FactChangeModal } from '../FactChangeModal.tsx';
import { DISABILITY_KIND_LABELS, PLACEMENT_LABELS, SCHOOLING_LABELS, SEX_LABELS } from '../labels.ts';

const gradeText = (g: number) => ['', '一级', '二级', '三级', '四级'][g] ?? String(g);

/** 基本信息: the child's own facts. */
export function BasicInfoTab({ child }: { child: ChildFile }) {
  const f = child.facts.child;
  const { permissions } = useSession();
  const [editing, setEditing] = useState(false);
  return (
    <>
      {permissions.has(Permission.childWrite) && child.status !== 'exited' && (
        <Flex justify="end" style={{ marginBottom: 12 }}>
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="record-child-fact">
            登记事实变更
          </Button>
        </Flex>
      )}
      <Descriptions
        bordered
        size="middle"
        column={{ xs: 1, lg: 2 }}
        items={[
          { key: 'name', label: '姓名', children: child.name },
          { key: 'id', label: '公民身份号码', children: child.idNumber ?? '无（临时档案）' },
          { key: 'sex', label: '性别', children: child.sex ? SEX_LABELS[child.sex] : '—' },
          { key: 'birth', label: '出生日期', children: child.birthDate },
          { key: 'hukou', label: '户籍地', children: `${child.hukouRegionName}（${child.hukouRegion}）` },
          {
            key: 'residence',
            label: '居住地',
            children: `${child.residenceRegionName}${f.residentSince ? `，${f.residentSince} 起` : ''}`,
          },
          { key: 'placement', label: '安置方式', children: PLACEMENT_LABELS[f.placement] ?? f.placement },
          { key: 'schooling', label: '就读阶段', children: SCHOOLING_LABELS[f.schooling] ?? f.schooling },
          {
            key: 'disability',
            label: '本人残疾',
            children: f.disability
              ? `${DISABILITY_KIND_LABELS[f.disability.kind] ?? f.disability.kind}残疾${gradeText(f.disability.grade)}`
              : '无',
          },
          { key: 'illness', label: '本人重病', children: f.seriousIllness ?? '无' },
          { key: 'hiv', label: '感染艾滋病病毒', children: f.hiv ? '是' : '否' },
          { key: 'created', label: '建档时间', children: child.createdAt.slice(0, 10) },
        ]}
      />
      {editing && (
        <FactChangeModal child={child} kinds={kindsOfTab('basic')} onClose={() => setEditing(false)} />
      )}
    </>
  );
}
