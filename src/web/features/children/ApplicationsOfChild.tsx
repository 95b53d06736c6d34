import { Card, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { useApplications, type ApplicationSummary } from '../applications/applications.api.ts';
import { APPLICATION_STATUS_LABELS, STATUS_COLORS } from '../applications/labels.ts';

/** 申请记录 of one child, on the file page. */
export function ApplicationsOfChild({ childId }: { childId: string }) {
  const list = useApplications({ childId, page: 1, pageSize: 20 });
  return (
    <Card size="small" title="申请记录" style={{ marginTop: 16 }}>
      <Table<ApplicationSummary>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: '暂无申请' }}
        columns={[
          {
            title: '申请编号',
            dataIndex: 'no',
            render: (no: string, a) => <Link to={`/applications/${a.id}`}>{no}</Link>,
          },
          { title: '提交日期', dataIndex: 'submittedOn' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: ApplicationSummary['status']) => (
              <Tag color={STATUS_COLORS[s]}>{APPLICATION_STATUS_LABELS[s]}</Tag>
            ),
          },
          { title: '办结日期', dataIndex: 'decidedOn', render: (d: string | null) => d ?? '—' },
        ]}
      />
    </Card>
  );
}
