import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.ts';
import { LanguageSwitch } from '../layout/ConsoleLayout.tsx';

interface Credentials {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { user, signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;

  if (user) return <Navigate to={from && from !== '/login' ? from : '/'} replace />;

  const onFinish = async (values: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      await signIn(values.username, values.password);
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <main className="login-page">
      <Card className="login-card">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'start' }}>
          <div>
            <Typography.Title level={1} style={{ fontSize: 26, marginBottom: 0 }}>
              {t('login.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">
              {t('app.name')} — {t('app.subtitle')}
            </Typography.Paragraph>
          </div>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph>{t('login.intro')}</Typography.Paragraph>
        <div role="alert" aria-live="assertive">
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        </div>
        <Form<Credentials> layout="vertical" onFinish={onFinish} requiredMark={false} name="login">
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('login.required.username') }]}
          >
            <Input autoFocus autoComplete="username" autoCapitalize="none" spellCheck={false} />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.required.password') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
