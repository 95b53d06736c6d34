import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { NOTICE_MEANS_LABELS, type ApplicationAction } from '../../../domain/workflow/application.ts';
import { STAGE_LABELS } from '../../../domain/workflow/deadlines.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { Explanations } from '../children/tabs/DeterminationTab.tsx';
import { BENEFIT_LABELS, CATEGORY_COLORS, categoryLabel, formatFen } from '../children/labels.ts';
import { ActionModal } from './ActionModal.tsx';
import { useApplication } from './applications.api.ts';
import { DeadlineTag } from './DeadlineTag.tsx';
import { IntakeCard } from './IntakeCard.tsx';
import { RemoteTag } from './RemoteTag.tsx';
import {
  ACTION_ORDER,
  APPLICANT_KIND_LABELS,
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  DANGER_ACTIONS,
  STATUS_COLORS,
} from './labels.ts';

/** One application: the child, the engine's preliminary view, the action log and the buttons the user may press. */
export function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const app = useApplication(id);
  const [action, setAction] = useState<ApplicationAction>();

  if (app.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (app.isError) {
    if (app.error instanceof ApiError && app.error.code === 'NOT_FOUND') {
      return <Result status="404" title="申请不存在" subTitle="该申请不存在，或不在您的辖区内。" />;
    }
    return <Alert type="error" showIcon title={errorMessage(app.error)} />;
  }
  const a = app.data;
  const buttons = ACTION_ORDER.filter((x) => a.actions.includes(x));
  const preview = a.preview;

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Space>
            <span>申请 {a.no}</span>
            <Tag color={STATUS_COLORS[a.status]} data-testid="status">
              {APPLICATION_STATUS_LABELS[a.status]}
              {a.status === 'closed' && a.outcome ? `（${APPLICATION_STATUS_LABELS[a.outcome]}）` : ''}
            </Tag>
            <RemoteTag application={a} />
            <DeadlineTag deadline={a.deadline} />
          </Space>
        }
        extra={
          <Space>
            {buttons.map((x, i) => (
              <Button
                key={x}
                type={i === 0 && !DANGER_ACTIONS.has(x) ? 'primary' : 'default'}
                danger={DANGER_ACTIONS.has(x)}
                onClick={() => setAction(x)}
              >
                {APPLICATION_ACTION_LABELS[x]}
              </Button>
            ))}
            <Button onClick={() => void navigate('/applications')}>返回</Button>
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'child',
              label: '儿童',
              children: a.child.id ? (
                <Link to={`/children/${a.child.id}`}>{a.child.name}</Link>
              ) : (
                a.child.name
              ),
            },
            { key: 'id', label: '公民身份号码', children: a.child.idNumberMasked ?? a.child.provisionalNo },
            { key: 'hukou', label: '户籍地', children: a.child.hukouRegionName },
            {
              key: 'applicant',
              label: '申请人',
              children: `${a.applicant.name}（${APPLICANT_KIND_LABELS[a.applicant.kind] ?? a.applicant.kind}${a.applicant.relation ? `，${a.applicant.relation}` : ''}）`,
            },
            { key: 'phone', label: '联系电话', children: a.applicantPhone ?? '—' },
            {
              key: 'submitted',
              label: a.path === 'remote' ? '受理日期' : '提交日期',
              children: a.submittedOn,
            },
            ...(a.path === 'remote'
              ? [
                  {
                    key: 'accepting',
                    label: '受理地（跨省通办）',
                    children: a.acceptingRegionName ?? a.acceptingRegion,
                  },
                ]
              : []),
            {
              key: 'stage',
              label: '当前环节',
              children: a.deadline
                ? `${STAGE_LABELS[a.deadline.stage]}（${a.deadline.dueOn} 前）`
                : a.outcome || a.status === 'withdrawn'
                  ? '已办结'
                  : '—',
            },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          {a.side === 'accepting' ? (
            <IntakeCard application={a} />
          ) : (
            <Card title="认定预评估" size="small">
              {a.previewProblem && <Alert type="warning" showIcon title={a.previewProblem} />}
              {preview ? (
                <>
                  <Space wrap style={{ marginBottom: 8 }}>
                    {preview.categories.length === 0 ? (
                      <Typography.Text type="secondary">按现有事实不符合分类保障条件</Typography.Text>
                    ) : (
                      preview.categories.map((c) => (
                        <Tag key={c} color={CATEGORY_COLORS[c as keyof typeof CATEGORY_COLORS]}>
                          {categoryLabel(c)}
                        </Tag>
                      ))
                    )}
                    {preview.benefits.map((b) => (
                      <Typography.Text key={b.code} strong>
                        {BENEFIT_LABELS[b.code as keyof typeof BENEFIT_LABELS] ?? b.code}{' '}
                        {formatFen(b.monthlyFen)}/月
                      </Typography.Text>
                    ))}
                  </Space>
                  <Explanations determination={preview} />
                </>
              ) : (
                <Empty />
              )}
            </Card>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Card title="办理记录" size="small">
            <Timeline
              items={a.log.map((l) => ({
                key: l.seq,
                color: l.action === 'refuse' ? 'red' : l.action === 'return' ? 'orange' : 'blue',
                children: (
                  <>
                    <Typography.Text strong>{APPLICATION_ACTION_LABELS[l.action]}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                      {dayjs(l.at).format('YYYY-MM-DD HH:mm')} · {l.actorName ?? l.actor ?? '—'}
                    </Typography.Text>
                    {l.means && (
                      <div>
                        告知日期 {l.on} · {NOTICE_MEANS_LABELS[l.means]}
                      </div>
                    )}
                    {l.comment && <div>{l.comment}</div>}
                    {l.reasons.map((r) => (
                      <div key={r}>理由：{r}</div>
                    ))}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {action && <ActionModal applicationId={a.id} action={action} onClose={() => setAction(undefined)} />}
    </Flex>
  );
}
