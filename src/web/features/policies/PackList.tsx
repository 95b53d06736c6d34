import { Table, Typography, type TableColumnsType } from 'antd';
import { jurisdictionText } from './format.ts';
import { StatusTag } from './PackDetails.tsx';
import type { PackSummary, PackVersion } from './policies.api.ts';

interface PackListProps {
  packs: PackSummary[];
  loading: boolean;
  selected: string | undefined;
  onSelect: (id: string) => void;
}

/** The packs on the user's jurisdiction path: the national rules, the province, the city… */
export function PackList({ packs, loading, selected, onSelect }: PackListProps) {
  const nameOf = (id: string | null) => (id ? (packs.find((p) => p.id === id)?.name ?? id) : '—');
  const columns: TableColumnsType<PackSummary> = [
    {
      title: '政策包',
      dataIndex: 'name',
      render: (name: string, p) => (
        <>
          <Typography.Link onClick={() => onSelect(p.id)}>{name}</Typography.Link>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
            {p.id}
          </Typography.Text>
        </>
      ),
    },
    { title: '适用地区', dataIndex: 'jurisdiction', width: 120, render: jurisdictionText },
    { title: '上级政策', dataIndex: 'parent', width: 200, render: nameOf },
    {
      title: '版本',
      dataIndex: 'versions',
      width: 300,
      render: (versions: PackVersion[]) =>
        versions.map((v) => (
          <span key={v.version} style={{ marginRight: 12, whiteSpace: 'nowrap' }}>
            {v.version} <StatusTag v={v} />
          </span>
        )),
    },
  ];
  return (
    <Table<PackSummary>
      rowKey="id"
      size="small"
      loading={loading}
      pagination={false}
      columns={columns}
      dataSource={packs}
      rowSelection={{
        type: 'radio',
        selectedRowKeys: selected ? [selected] : [],
        onChange: (keys) => {
          const [key] = keys;
          if (typeof key === 'string') onSelect(key);
        },
      }}
      onRow={(p) => ({ onClick: () => onSelect(p.id), style: { cursor: 'pointer' } })}
      data-testid="pack-list"
    />
  );
}
