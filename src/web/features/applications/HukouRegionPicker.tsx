import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Cascader } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../../api/client.ts';
import type { Region } from '../../api/types.ts';
import { resolvePath, toOption, withChildren, type RegionOption } from '../../components/region-tree.ts';

const STALE = 30 * 60_000;
const url = (parent?: string) =>
  `/applications/hukou-regions${parent ? `?parent=${encodeURIComponent(parent)}` : ''}`;

/**
 * The 户籍 picker of a township's new-application form: regions nationwide (跨省通办), since a
 * guardian may apply at any township. Same lazy tree as RegionPicker, over the applications API.
 */
export function HukouRegionPicker({
  value,
  onChange,
  id,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
}) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const roots = useQuery({
    queryKey: ['applications', 'hukou-regions', 'roots'],
    queryFn: () => api.get<{ items: Region[] }>(url()),
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
        queryKey: ['applications', 'hukou-regions', code],
        queryFn: () => api.get<{ items: Region[] }>(url(code)),
        staleTime: STALE,
      });
      setOptions((prev) => withChildren(prev, code, items.map(toOption)));
    } catch (err) {
      setOptions((prev) => withChildren(prev, code, []));
      void message.error(`下级区划加载失败：${errorMessage(err)}`);
    } finally {
      inFlight.current.delete(code);
    }
  };

  const resolved = value ? resolvePath(options, value) : undefined;
  const loadNext = resolved?.loadNext;
  useEffect(() => {
    if (loadNext) void loadChildren(loadNext);
    // loadChildren only closes over stable refs and setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadNext]);

  return (
    <Cascader
      id={id}
      options={options}
      value={!value ? undefined : resolved && resolved.path.length > 0 ? resolved.path : [value]}
      changeOnSelect
      showSearch={false}
      placeholder={roots.isError ? '区划加载失败，请刷新重试' : '选择户籍地（全国）'}
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
