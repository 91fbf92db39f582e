import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api, type Paged } from './api.ts';
import { useDebounced } from './hooks.ts';

interface Option {
  id: string;
  name: string;
  code?: string;
}

interface RemoteSelectProps {
  /** A paged list endpoint that takes `q`, e.g. `/service-points`. */
  endpoint: string;
  extraQuery?: Record<string, string | undefined>;
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
  style?: React.CSSProperties;
  /** What to show for the current value before the user searches. */
  initialLabel?: string;
}

/** A select that searches the server as the user types (sites, agencies, units: too many to list). */
export function RemoteSelect({
  endpoint,
  extraQuery,
  value,
  onChange,
  id,
  placeholder,
  style,
  initialLabel,
}: RemoteSelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const options = useQuery({
    queryKey: ['select', endpoint, extraQuery, q],
    queryFn: ({ signal }) =>
      api.get<Paged<Option>>(endpoint, { q: q || undefined, pageSize: 30, ...extraQuery }, signal),
  });
  const items = (options.data?.items ?? []).map((o) => ({
    value: o.id,
    label: o.code && !o.name.includes(o.code) ? `${o.name} (${o.code})` : o.name,
  }));
  if (value && initialLabel && !items.some((i) => i.value === value))
    items.unshift({ value, label: initialLabel });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={items}
      loading={options.isFetching}
      placeholder={placeholder}
      style={style}
    />
  );
}
