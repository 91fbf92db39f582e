import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Select, Spin, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, type Paged } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { PageTitle } from '../../components.tsx';
import { useI18n } from '../../i18n.ts';
import { DailyTab } from './DailyTab.tsx';
import { DeliverTab } from './DeliverTab.tsx';
import { ReportTab } from './ReportTab.tsx';
import { type Site, usePostalSites } from './sites.ts';
import { TariffTab } from './TariffTab.tsx';

interface ServicePointRow extends Site {
  hostType: string;
  active: boolean;
}

/** The post offices an administrator or supervisor may choose from. */
function useAllPostOffices(enabled: boolean) {
  return useQuery({
    queryKey: ['service-points', 'post-offices'],
    queryFn: ({ signal }) => api.get<Paged<ServicePointRow>>('/service-points', { pageSize: 200 }, signal),
    enabled,
    staleTime: 10 * 60_000,
    select: (page) =>
      page.items
        .filter((s) => s.hostType === 'post_office' && s.active)
        .map((s) => ({ id: s.id, code: s.code, name: s.name })),
  });
}

/** Bưu chính: result delivery, the office's daily lists, the delivery report and the tariffs. */
export default function PostalPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const mine = usePostalSites(user);
  const overseer = (user?.roles ?? []).some((r) => r.role === 'admin' || r.role === 'supervisor');
  const all = useAllPostOffices(overseer && !mine.pending && mine.sites.length === 0);
  const choices = mine.sites.length > 0 ? mine.sites : (all.data ?? []);
  const [chosen, setChosen] = useState<string | undefined>();
  const [params, setParams] = useSearchParams();
  const site = choices.find((s) => s.id === chosen) ?? (choices.length === 1 ? choices[0] : undefined);

  if (mine.pending || all.isFetching) return <Spin />;

  const needSite = (node: (site: Site) => React.ReactNode) =>
    site ? node(site) : <Empty description={t('postal.noSite')} />;
  const tabs = [
    { key: 'deliver', label: t('postal.tab.deliver'), children: needSite((s) => <DeliverTab site={s} />) },
    { key: 'daily', label: t('postal.tab.daily'), children: needSite((s) => <DailyTab site={s} />) },
    { key: 'report', label: t('postal.tab.report'), children: needSite((s) => <ReportTab site={s} />) },
    { key: 'tariffs', label: t('postal.tab.tariffs'), children: <TariffTab /> },
  ];
  const active = tabs.some((tab) => tab.key === params.get('tab')) ? params.get('tab')! : 'deliver';

  return (
    <>
      <PageTitle
        extra={
          choices.length > 1 ? (
            <div>
              <label htmlFor="postal-site" style={{ display: 'block', marginBottom: 4 }}>
                {t('postal.site')}
              </label>
              <Select
                id="postal-site"
                showSearch
                optionFilterProp="label"
                style={{ width: 320 }}
                value={site?.id}
                onChange={setChosen}
                options={choices.map((s) => ({ value: s.id, label: s.name }))}
              />
            </div>
          ) : site ? (
            <span>
              {t('postal.site')}: <strong>{site.name}</strong>
            </span>
          ) : null
        }
      >
        {t('postal.title')}
      </PageTitle>
      {all.isError ? <Alert type="error" showIcon title={all.error.message} /> : null}
      <Tabs activeKey={active} onChange={(key) => setParams({ tab: key }, { replace: true })} items={tabs} />
    </>
  );
}
