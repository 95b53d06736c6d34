import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Cascader } from 'antd';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { api, errorMessage } from '../api/client.ts';
import type { Region } from '../api/types.ts';
import { resolvePath, toOption, withChildren, type RegionOption } from './region-tree.ts';

/** Where the tree comes from: its query-key prefix and the URLs of the roots and of a code's children. */
export interface RegionSource {
  key: readonly string[];
  roots: string;
  children: (code: string) => string;
}

/** The actor's own jurisdiction downwards (the server decides the roots). */
const JURISDICTION: RegionSource = {
  key: ['regions'],
  roots: '/regions/roots',
  children: (code) => `/regions/${encodeURIComponent(code)}/children`,
};

interface RegionPickerProps {
  /** The selected region code. */
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  id?: string;
  disabled?: boolean;
  style?: CSSProperties;
  /** Default: the actor's jurisdiction. */
  source?: RegionSource;
}

const STALE = 30 * 60_000;

/**
 * Pick a region at any level, starting from the roots of `source` (by default the actor's own
 * jurisdiction, as the server decides) and loading each level on demand.
 */
export function RegionPicker({
  value,
  onChange,
  placeholder = '请选择区划',
  id,
  disabled,
  style,
  source = JURISDICTION,
}: RegionPickerProps) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const roots = useQuery({
    queryKey: [...source.key, 'roots'],
    queryFn: () => api.get<{ items: Region[] }>(source.roots),
    staleTime: STALE,
  });
  const [options, setOptions] = useState<RegionOption[]>([]);
  const inFlight = useRef(new Set<string>());

  useEffect(() => {
    if (roots.data) setOptions(roots.data.items.map(toOption));
  }, [roots.data]);

  const loadChildren = async (code: string) => {
    if (inFlight.current.has(code)) return;
    inFlight.current.add(code);
    try {
      const { items } = await queryClient.fetchQuery({
        queryKey: [...source.key, code, 'children'],
        queryFn: () => api.get<{ items: Region[] }>(source.children(code)),
        staleTime: STALE,
      });
      setOptions((prev) => withChildren(prev, code, items.map(toOption)));
    } catch (err) {
      // Stop the spinner (the cascader waits for children); reopening the form retries.
      setOptions((prev) => withChildren(prev, code, []));
      void message.error(`下级区划加载失败：${errorMessage(err)}`);
    } finally {
      inFlight.current.delete(code);
    }
  };

  const resolved = value ? resolvePath(options, value) : undefined;
  const loadNext = resolved?.loadNext;

  // A value set from outside (editing an existing record) needs its ancestors loaded to show names.
  useEffect(() => {
    if (loadNext) void loadChildren(loadNext);
    // loadChildren only closes over stable refs and setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadNext]);

  const cascaderValue = !value ? undefined : resolved && resolved.path.length > 0 ? resolved.path : [value];

  return (
    <Cascader
      id={id}
      style={style}
      disabled={disabled}
      options={options}
      value={cascaderValue}
      changeOnSelect
      placeholder={roots.isError ? '区划加载失败，请刷新重试' : placeholder}
      status={roots.isError ? 'error' : undefined}
      loading={roots.isPending}
      notFoundContent={roots.isPending ? '加载中…' : '无可选区划'}
      displayRender={(labels) => labels.join(' / ')}
      loadData={(selected) => {
        const last = selected[selected.length - 1];
        if (last && typeof last.value === 'string') void loadChildren(last.value);
      }}
      onChange={(path) => {
        const codes = (path ?? []) as string[];
        onChange?.(codes[codes.length - 1]);
      }}
    />
  );
}
