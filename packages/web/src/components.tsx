import { Alert, type TablePaginationConfig, Tag, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { FieldError } from './api.ts';
import type { usePaging } from './hooks.ts';
import { type MessageKey, type Translate, useI18n } from './i18n.ts';

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 16, marginBottom: 16, flexWrap: 'wrap' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {children}
      </Typography.Title>
      {extra ? <div style={{ marginLeft: 'auto' }}>{extra}</div> : null}
    </div>
  );
}

/** antd Table pagination driven by the server's `total`. */
export function serverPagination(
  paging: ReturnType<typeof usePaging>,
  total: number | undefined,
  t: Translate,
): TablePaginationConfig {
  return {
    current: paging.page,
    pageSize: paging.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (count) => t('common.total', { total: count }),
    onChange: paging.onChange,
  };
}

export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useI18n();
  return active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>;
}

export function LevelTag({ level }: { level: string }) {
  const { t } = useI18n();
  const color = level === 'province' ? 'purple' : level === 'district' ? 'blue' : 'cyan';
  return <Tag color={color}>{t(`level.${level}` as MessageKey)}</Tag>;
}

/** A refused request as an alert: the server's message, then each named field's message. */
export function ProblemAlert({
  problem,
  style,
}: {
  problem: { message: string; fields: FieldError[] };
  style?: CSSProperties;
}) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={style}
      title={problem.message}
      description={
        problem.fields.length ? (
          <ul style={{ margin: 0 }}>
            {problem.fields.map((f) => (
              <li key={f.field}>{f.message}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/** Style of a drawer whose body is a `DrawerScroll` (the region scrolls, not antd's body). */
export const DRAWER_SCROLL_STYLES = { body: { padding: 0, overflow: 'hidden' } } as const;

/**
 * The scrolling body of a drawer that may hold only text: a labelled region the keyboard can reach
 * and scroll (axe: scrollable-region-focusable), in place of antd's unfocusable `.ant-drawer-body`.
 */
export function DrawerScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the focus to scroll by keyboard
    <section className="drawer-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
