import { Alert, Tag, Typography } from 'antd';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.ts';
import { SECTION_LABELS } from '../roles.ts';

/** A section planned but not built yet, marked as such so no one mistakes it for an empty result. */
export default function PlaceholderPage({ section }: { section: 'intake' | 'overview' }) {
  const { t } = useI18n();
  const { user } = useAuth();
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t(SECTION_LABELS[section])} <Tag color="orange">{t('placeholder.soon')}</Tag>
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        title={t('placeholder.soon')}
        description={
          <>
            <p>{t(section === 'intake' ? 'placeholder.intake' : 'placeholder.overview')}</p>
            <p>{t('placeholder.welcome', { name: user?.fullName ?? '' })}</p>
          </>
        }
      />
    </>
  );
}
