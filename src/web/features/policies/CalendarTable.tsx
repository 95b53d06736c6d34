import { Table, Typography, type TableColumnsType } from 'antd';
import type { WorkingDayCalendar } from '../../../domain/shared/working-days.ts';
import { calendarByYear, type CalendarYear } from './format.ts';

const list = (items: string[]) =>
  items.length > 0 ? items.join('、') : <Typography.Text type="secondary">无</Typography.Text>;

/** 工作日历: holidays and 调休 make-up workdays, one row per year. */
export function CalendarTable({ calendar }: { calendar: WorkingDayCalendar }) {
  const columns: TableColumnsType<CalendarYear> = [
    { title: '年份', dataIndex: 'year', width: 80 },
    {
      title: '法定节假日（休息）',
      dataIndex: 'holidays',
      render: (h: string[], r) => (
        <>
          {list(h)}
          <Typography.Text type="secondary"> （共 {r.holidayCount} 天）</Typography.Text>
        </>
      ),
    },
    { title: '调休上班日', dataIndex: 'makeupWorkdays', width: 300, render: list },
  ];
  const rows = calendarByYear(calendar);
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        周一至周五为工作日，下表所列节假日除外；周六、周日休息，调休上班日除外。办理时限按此日历计算工作日。
      </Typography.Paragraph>
      <Table<CalendarYear>
        rowKey="year"
        size="small"
        bordered
        pagination={false}
        columns={columns}
        dataSource={rows}
        locale={{ emptyText: '未录入节假日安排' }}
      />
    </>
  );
}
