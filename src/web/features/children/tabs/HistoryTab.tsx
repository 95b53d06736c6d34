import { Alert, Skeleton, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { errorMessage } from '../../../api/client.ts';
import { attachmentUrl, useChildHistory } from '../children.api.ts';
import { ATTACHMENT_KIND_LABELS } from './AttachmentsTab.tsx';
import { FACT_PATH_LABELS } from '../labels.ts';

/** 变更记录: every recorded version of the facts, newest first (append-only). */
export function HistoryTab({ childId, active }: { childId: string; active: boolean }) {
  const history = useChildHistory(childId, active);
  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <Alert type="error" showIcon title={errorMessage(history.error)} />;
  return (
    <Timeline
      style={{ marginTop: 16 }}
      items={history.data.items.map((v) => ({
        key: v.version,
        color: v.version === 1 ? 'green' : 'blue',
        children: (
          <>
            <Typography.Text strong>第 {v.version} 版</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              {dayjs(v.recordedAt).format('YYYY-MM-DD HH:mm')} · {v.recordedBy ?? '系统'}
            </Typography.Text>
            <div>{v.reason}</div>
            {v.changed.length > 0 && (
              <div style={{ marginTop: 4 }}>
                变更：
                {v.changed.map((p) => (
                  <Tag key={p}>{FACT_PATH_LABELS[p] ?? p}</Tag>
                ))}
                {v.effectiveFrom && (
                  <Typography.Text type="secondary">
                    {v.effectiveDate ? `生效日期 ${v.effectiveDate}，` : ''}自 {v.effectiveFrom} 起重新认定
                  </Typography.Text>
                )}
              </div>
            )}
            {v.evidence && (
              <div style={{ marginTop: 4 }}>
                证明材料：
                <a href={attachmentUrl(childId, v.evidence.id)} target="_blank" rel="noreferrer">
                  {ATTACHMENT_KIND_LABELS[v.evidence.kind] ?? v.evidence.kind} · {v.evidence.fileName}
                </a>
              </div>
            )}
          </>
        ),
      }))}
    />
  );
}
