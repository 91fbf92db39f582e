import { LoadingOutlined } from '@ant-design/icons';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { StrictMode, useCallback, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App.tsx';
import { ApiError, setApiLanguage } from './api.ts';
import { AuthProvider, ME_KEY } from './auth.tsx';
import { I18nContext, type Lang, rememberLang, storedLang, translate } from './i18n.ts';
import './styles.css';

// A 401 on any call means the session ended (expired, revoked, signed out elsewhere): forget the
// user, so the router shows the sign-in page and brings them back here afterwards.
const onSessionEnd = (error: unknown) => {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(ME_KEY, null);
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => query.queryKey[0] !== ME_KEY[0] && onSessionEnd(error),
  }),
  mutationCache: new MutationCache({ onError: onSessionEnd }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A refusal (4xx) will not change by asking again; a network blip might.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

function applyLang(lang: Lang) {
  dayjs.locale(lang);
  setApiLanguage(lang);
  document.documentElement.lang = lang;
}

function Root() {
  const [lang, setLangState] = useState<Lang>(() => {
    const initial = storedLang();
    applyLang(initial);
    return initial;
  });
  const setLang = useCallback((next: Lang) => {
    rememberLang(next);
    applyLang(next);
    setLangState(next);
  }, []);
  const i18n = useMemo(
    () => ({
      lang,
      setLang,
      t: (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
        translate(lang, key, values),
    }),
    [lang, setLang],
  );
  return (
    <I18nContext.Provider value={i18n}>
      <ConfigProvider
        // antd animates its own spinner in and out of a loading button and removes it only when the CSS
        // transition reports its end; that end sometimes never comes, and the hidden spinner
        // (role img, "loading") stays in the button's accessible name: "loading Tiếp nhận hồ sơ" after a
        // failed submit. A spinner of our own is placed and removed with the state, and is aria-hidden.
        button={{ loadingIcon: <LoadingOutlined aria-hidden /> }}
        locale={lang === 'vi' ? viVN : enUS}
        theme={{
          token: {
            // Darker than antd's default blue: 4.5:1 on white for links and primary buttons.
            colorPrimary: '#0a58ca',
            colorLink: '#0a58ca',
            // antd's #ff4d4f is 3.6:1 on white; danger buttons and error text need 4.5:1.
            colorError: '#cf1322',
            colorTextDescription: 'rgba(0, 0, 0, 0.65)',
            colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
            fontFamily:
              "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
          },
        }}
      >
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <AuthProvider>
              <BrowserRouter>
                <App />
              </BrowserRouter>
            </AuthProvider>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
