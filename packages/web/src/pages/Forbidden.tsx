import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';

/** The page a role without access sees: a clear 403, never a blank table. */
export function Forbidden() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={
        <h1 role="alert" style={{ fontSize: 24, margin: 0 }}>
          {t('forbidden.title')}
        </h1>
      }
      subTitle={t('forbidden.body')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('forbidden.back')}
        </Button>
      }
    />
  );
}

/** A failed query: the 403 page for a refusal, the server's message with a retry otherwise. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 403) return <Forbidden />;
  return (
    <Result
      status="warning"
      title={<span role="alert">{t('common.loadError')}</span>}
      subTitle={error instanceof Error ? error.message : String(error)}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
