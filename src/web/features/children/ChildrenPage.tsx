import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Flex,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Permission } from '../../../domain/access/roles.ts';
import { CATEGORY_CODES } from '../../../domain/eligibility/codes.ts';
import { errorMessage } from '../../api/client.ts';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { useSession } from '../../session/session.ts';
import { useChildren, type ChildQuery, type ChildSummary } from './children.api.ts';
import { CATEGORY_COLORS, CHILD_STATUS, SEX_LABELS, categoryLabel, formatFen } from './labels.ts';

/** The last two levels of a region path read best in a table (金星镇/富平社区居委会). */
export const shortRegion = (path: string) => path.split('/').slice(-2).join(' / ');

const CATEGORY_OPTIONS = CATEGORY_CODES.map((c) => ({ value: c, label: categoryLabel(c) }));
const STATUS_OPTIONS = Object.entries(CHILD_STATUS).map(([value, s]) => ({ value, label: s.label }));

/** 儿童档案: search by name, pinyin initials or ID number; filters by region, category, status. */
export function ChildrenPage() {
  const navigate = useNavigate();
  const { permissions } = useSession();
  const [query, setQuery] = useState<ChildQuery>({ page: 1, pageSize: 20 });
  const children = useChildren(query);
  const set = (patch: Partial<ChildQuery>) => setQuery((prev) => ({ ...prev, ...patch, page: 1 }));

  const columns: TableColumnsType<ChildSummary> = [
    {
      title: '姓名',
      dataIndex: 'name',
      width: 110,
      render: (name: string, c) => <Link to={`/children/${c.id}`}>{name}</Link>,
    },
    { title: '性别', dataIndex: 'sex', width: 60, render: (s: string | null) => (s ? SEX_LABELS[s] : '—') },
    { title: '出生日期', dataIndex: 'birthDate', width: 110 },
    {
      title: '公民身份号码',
      key: 'id',
      width: 200,
      render: (_, c) =>
        c.idNumberMasked ? (
          <Typography.Text code>{c.idNumberMasked}</Typography.Text>
        ) : (
          <Tooltip title="无身份证号的临时档案号">
            <Tag>{c.provisionalNo ?? '—'}</Tag>
          </Tooltip>
        ),
    },
    {
      title: '户籍地',
      dataIndex: 'hukouRegionName',
      render: (name: string, c) => (
        <Tooltip title={`${name}（${c.hukouRegion}）`}>{shortRegion(name)}</Tooltip>
      ),
    },
    {
      title: '儿童类别',
      dataIndex: 'categories',
      render: (cats: string[]) =>
        cats.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          cats.map((c) => (
            <Tag key={c} color={CATEGORY_COLORS[c as keyof typeof CATEGORY_COLORS]}>
              {categoryLabel(c)}
            </Tag>
          ))
        ),
    },
    {
      title: '月保障金额',
      dataIndex: 'monthlyTotalFen',
      width: 120,
      align: 'right',
      render: (fen: number | null) => (fen === null ? '—' : formatFen(fen)),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (s: string) => <Tag color={CHILD_STATUS[s]?.color}>{CHILD_STATUS[s]?.label ?? s}</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, c) => (
        <Button type="link" size="small" onClick={() => void navigate(`/children/${c.id}`)}>
          查看档案
        </Button>
      ),
    },
  ];

  return (
    <Card
      title="儿童档案"
      extra={
        permissions.has(Permission.applicationSubmit) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/applications/new')}>
            新建申请
          </Button>
        )
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="child-search"
          placeholder="姓名 / 拼音首字母（如 mxh）/ 身份证号或后几位"
          allowClear
          enterButton="检索"
          style={{ width: 380 }}
          onSearch={(q) => set({ q: q.trim() || undefined })}
        />
        <RegionPicker
          placeholder="户籍地（可选任一级）"
          style={{ width: 300 }}
          value={query.region}
          onChange={(region) => set({ region })}
        />
        <Space.Compact>
          <Select
            allowClear
            placeholder="儿童类别"
            style={{ width: 170 }}
            options={CATEGORY_OPTIONS}
            value={query.category}
            onChange={(category?: string) => set({ category })}
          />
          <Select
            allowClear
            placeholder="档案状态"
            style={{ width: 140 }}
            options={STATUS_OPTIONS}
            value={query.status}
            onChange={(status?: string) => set({ status })}
          />
        </Space.Compact>
      </Flex>
      {children.isError && (
        <Alert type="error" showIcon title={errorMessage(children.error)} style={{ marginBottom: 16 }} />
      )}
      <Table<ChildSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={children.data?.items}
        loading={children.isFetching}
        locale={{ emptyText: '没有符合条件的儿童档案' }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: children.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 份档案`,
          onChange: (page, pageSize) => setQuery((prev) => ({ ...prev, page, pageSize })),
        }}
      />
    </Card>
  );
}
