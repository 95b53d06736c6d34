import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Result,
  Skeleton,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Permission } from '../../../domain/access/roles.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';
import { ApplyForChildModal } from '../applications/ApplyForChildModal.tsx';
import { ApplicationsOfChild } from './ApplicationsOfChild.tsx';
import { useChild } from './children.api.ts';
import { CATEGORY_COLORS, CHILD_STATUS, SEX_LABELS, categoryLabel, formatFen } from './labels.ts';
import { AttachmentsTab } from './tabs/AttachmentsTab.tsx';
import { BasicInfoTab } from './tabs/BasicInfoTab.tsx';
import { DeterminationTab } from './tabs/DeterminationTab.tsx';
import { ExitPanel } from './ExitPanel.tsx';
import { FamilyTab } from './tabs/FamilyTab.tsx';
import { HistoryTab } from './tabs/HistoryTab.tsx';

/** 一人一档: the full file of one child (opening it is audited by the server). */
export function ChildFilePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const child = useChild(id);
  // ?tab=family opens a tab directly (a re-review's 变更 lands on 家庭与监护).
  const [tab, setTab] = useState(() => new URLSearchParams(window.location.search).get('tab') ?? 'basic');
  const [applying, setApplying] = useState(false);
  const { permissions } = useSession();

  if (child.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (child.isError) {
    if (child.error instanceof ApiError && child.error.code === 'NOT_FOUND') {
      return (
        <Result
          status="404"
          title="档案不存在"
          subTitle="该儿童档案不存在，或不在您的辖区内。"
          extra={<Button onClick={() => void navigate('/children')}>返回儿童档案</Button>}
        />
      );
    }
    return <Alert type="error" showIcon title={errorMessage(child.error)} />;
  }
  const c = child.data;
  const status = CHILD_STATUS[c.status];

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Space size="middle">
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => void navigate('/children')}
              aria-label="返回"
            />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="child-name">
              {c.name}
            </Typography.Title>
            <Tag color={status?.color}>{status?.label ?? c.status}</Tag>
            {c.categories.map((cat) => (
              <Tag key={cat} color={CATEGORY_COLORS[cat as keyof typeof CATEGORY_COLORS]}>
                {categoryLabel(cat)}
              </Tag>
            ))}
          </Space>
        }
        extra={
          <Space>
            <Typography.Text type="secondary">档案第 {c.version} 版</Typography.Text>
            {permissions.has(Permission.applicationSubmit) &&
              (c.status === 'registered' || c.status === 'exited') && (
                <Button type="primary" onClick={() => setApplying(true)}>
                  发起申请
                </Button>
              )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'id',
              label: '公民身份号码',
              children: c.idNumber ?? `临时档案号 ${c.provisionalNo ?? ''}`,
            },
            { key: 'sex', label: '性别', children: c.sex ? SEX_LABELS[c.sex] : '—' },
            { key: 'birth', label: '出生日期', children: c.birthDate },
            { key: 'hukou', label: '户籍地', children: c.hukouRegionName },
            { key: 'confirmed', label: '纳入保障日期', children: c.confirmedAt ?? '尚未确认' },
            {
              key: 'money',
              label: '月保障金额',
              children:
                c.monthlyTotalFen === null ? (
                  '—'
                ) : (
                  <Typography.Text strong>{formatFen(c.monthlyTotalFen)}</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Card styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'basic', label: '基本信息', children: <BasicInfoTab child={c} /> },
            { key: 'family', label: '家庭与监护', children: <FamilyTab child={c} /> },
            {
              key: 'determination',
              label: '认定与保障',
              children: (
                <>
                  <ExitPanel child={c} />
                  <DeterminationTab childId={c.id} exit={c.exit} />
                  <ApplicationsOfChild childId={c.id} />
                </>
              ),
            },
            {
              key: 'history',
              label: '变更记录',
              children: <HistoryTab childId={c.id} active={tab === 'history'} />,
            },
            {
              key: 'attachments',
              label: '附件',
              children: <AttachmentsTab childId={c.id} active={tab === 'attachments'} />,
            },
          ]}
        />
      </Card>
      {applying && <ApplyForChildModal childId={c.id} onClose={() => setApplying(false)} />}
    </Flex>
  );
}
