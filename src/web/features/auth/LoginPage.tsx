import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { login } from '../../session/session.ts';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths are followed after login (no open redirect through location state). */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login'
    ? from
    : '/';
}

export function LoginPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async ({ username, password }: Credentials) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await login(queryClient, username.trim(), password);
      void navigate(returnPath(location.state), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Flex
      align="center"
      justify="center"
      style={{
        minHeight: '100vh',
        background: 'linear-gradient(180deg, #eef3fb 0%, #f7f9fc 100%)',
        padding: 16,
      }}
    >
      <Card style={{ width: 400, boxShadow: '0 8px 24px rgba(31, 95, 191, 0.08)' }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <SafetyCertificateOutlined style={{ fontSize: 40, color: '#1f5fbf' }} />
          <Typography.Title level={2} style={{ margin: '8px 0 0', letterSpacing: 6 }}>
            童保
          </Typography.Title>
          <Typography.Text type="secondary">困境儿童分类保障信息系统</Typography.Text>
        </Flex>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<Credentials>
          layout="vertical"
          onFinish={(v) => void onFinish(v)}
          requiredMark={false}
          disabled={submitting}
        >
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input id="username" prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              id="password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 24, marginBottom: 0, fontSize: 12, textAlign: 'center' }}
        >
          本系统含未成年人敏感个人信息，所有查看与导出操作均记录审计日志。
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
