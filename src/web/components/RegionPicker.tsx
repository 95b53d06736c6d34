import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Cascader } from 'antd';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { api, errorMessage } from '../api/client.ts';
import type { Region } from '../api/types.ts';
import { resolvePath, toOption, withChildren, type RegionOption } from './region-tree.ts';

interface RegionPickerProps {
  /** The selected region code. */
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder?: string;
  id?: string;
  disabled?: boolean;
  style?: CSSProperties;
}

const STALE = 30 * 60_000;

/**
 * Pick a region at any level, starting from the actor's own jurisdiction (the server decides the
 * roots) and loading each level on demand.
 */
export function RegionPicker({
  value,
  onChange,
  placeholder = '请选择区划',
  id,
  disabled,
  style,
}: RegionPickerProps) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const roots = useQuery({
    queryKey: ['regions', 'roots'],
    queryFn: () => api.get<{ items: Region[] }>('/regions/roots'),
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
        queryKey: ['regions', code, 'children'],
        queryFn: () => api.get<{ items: Region[] }>(`/regions/${encodeURIComponent(code)}/children`),
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
