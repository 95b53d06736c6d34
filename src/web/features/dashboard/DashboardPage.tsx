import { Card, Descriptions, Tag, Typography } from 'antd';
import { jurisdictionText, roleLabel } from '../../layout/labels.ts';
import { useSession } from '../../session/session.ts';

/** 工作台: for now only who is signed in and where; module cards arrive with their modules. */
export function DashboardPage() {
  const { me } = useSession();
  return (
    <Card>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        您好，{me.displayName}
      </Typography.Title>
      <Typography.Paragraph type="secondary">欢迎使用童保 · 困境儿童分类保障信息系统。</Typography.Paragraph>
      <Descriptions
        column={1}
        bordered
        size="middle"
        style={{ maxWidth: 640 }}
        items={[
          { key: 'username', label: '用户名', children: me.username },
          {
            key: 'roles',
            label: '角色',
            children: me.roles.map((r) => (
              <Tag key={r} color="blue">
                {roleLabel(r)}
              </Tag>
            )),
          },
          {
            key: 'jurisdiction',
            label: '辖区',
            children: (
              <>
                {jurisdictionText(me.jurisdiction)}
                {me.jurisdiction.code && (
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    （{me.jurisdiction.code}）
                  </Typography.Text>
                )}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
