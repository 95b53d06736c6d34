import { Alert, Card, Descriptions, Flex, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { errorMessage } from '../../api/client.ts';
import { jurisdictionText, yuan } from './format.ts';
import { PACK_STATUS_LABELS } from './labels.ts';
import { PackRules } from './PackRules.tsx';
import { usePolicy, type PackSummary, type PackVersion } from './policies.api.ts';
import { StandardsTable } from './StandardsTable.tsx';

export function StatusTag({ v }: { v: PackVersion }) {
  const s = PACK_STATUS_LABELS[v.status] ?? { label: v.status, color: 'default' };
  return <Tag color={s.color}>{s.label}</Tag>;
}

interface PackDetailsProps {
  summary: PackSummary;
  /** All packs the user sees, to name the ancestors in the lineage. */
  packs: readonly PackSummary[];
  version: string | undefined;
  onVersion: (version: string) => void;
}

/** One pack version, resolved (inheritance applied): what the engine will use on that date. */
export function PackDetails({ summary, packs, version, onVersion }: PackDetailsProps) {
  const detail = usePolicy(summary.id, version);
  const pack = detail.data;
  const shown = version ?? pack?.version;
  const nameOf = (id: string) => packs.find((p) => p.id === id)?.name ?? id;

  return (
    <Card
      title={
        <Space size={8}>
          <span>{summary.name}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {summary.id}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space>
          <Typography.Text type="secondary">版本</Typography.Text>
          <Select
            aria-label="版本"
            style={{ width: 190 }}
            value={shown}
            onChange={onVersion}
            options={summary.versions.map((v) => ({
              value: v.version,
              label: (
                <Space size={4}>
                  {v.version} 起<StatusTag v={v} />
                </Space>
              ),
            }))}
          />
        </Space>
      }
    >
      {detail.isError && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {detail.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {pack && (
        <Flex vertical gap={16}>
          {summary.versions.find((v) => v.version === shown)?.status === 'proposed' && (
            <Alert type="warning" showIcon title="此版本为拟议标准，尚未审批生效，测算和发放不会采用。" />
          )}
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'j',
                label: '适用地区',
                children: `${jurisdictionText(pack.jurisdiction)}（${pack.name}）`,
              },
              { key: 'v', label: '施行日期', children: pack.version },
              {
                key: 'lineage',
                label: '继承关系',
                span: 'filled',
                children: (
                  <Space size={4} wrap>
                    {pack.lineage.map((l, i) => (
                      <span key={l.id}>
                        {i > 0 && <Typography.Text type="secondary"> → </Typography.Text>}
                        <Tag color={l.id === pack.id ? 'blue' : undefined}>
                          {nameOf(l.id)}（{l.version}）
                        </Tag>
                      </span>
                    ))}
                    <Typography.Text type="secondary">下级政策未设定的项目沿用上级</Typography.Text>
                  </Space>
                ),
              },
              {
                key: 'sources',
                label: '政策依据',
                span: 'filled',
                children:
                  pack.sources.length > 0 ? (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {pack.sources.map((s) => (
                        <li key={s}>{s}</li>
                      ))}
                    </ul>
                  ) : (
                    <Typography.Text type="secondary">本版本未列出文件（沿用上级）</Typography.Text>
                  ),
              },
            ]}
          />
          <div>
            <Typography.Title level={5}>基本生活保障标准（每人每月）</Typography.Title>
            <StandardsTable standards={pack.standards} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              “未设定”表示本地政策未规定该项标准，测算时不予发放并给出提示，系统不会推算。
              {pack.floors &&
                `国家最低标准（仅用于校验，不据以发放）：机构养育 ${yuan(pack.floors.institution) ?? ''} 元，散居 ${yuan(pack.floors.scattered) ?? ''} 元。`}
            </Typography.Paragraph>
          </div>
          <PackRules pack={pack} />
        </Flex>
      )}
    </Card>
  );
}
