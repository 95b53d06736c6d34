import { Card, Empty } from 'antd';

/** Placeholder for a module not built yet: says so plainly, shows no invented data. */
export function ComingSoon({ title }: { title: string }) {
  return (
    <Card title={title}>
      <Empty description="该功能将在后续版本提供" style={{ padding: '48px 0' }} />
    </Card>
  );
}
