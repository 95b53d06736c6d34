import { Alert, Card, Flex, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { Permission } from '../../../domain/access/roles.ts';
import { errorMessage } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';
import { AdjustmentTab } from './AdjustmentTab.tsx';
import { EvaluateTab } from './EvaluateTab.tsx';
import { packForJurisdiction } from './format.ts';
import { PackDetails } from './PackDetails.tsx';
import { PackList } from './PackList.tsx';
import { usePolicies } from './policies.api.ts';

const TABS = ['standards', 'evaluate', 'adjustment'] as const;
type Tab = (typeof TABS)[number];
const isTab = (s: string | null): s is Tab => (TABS as readonly (string | null)[]).includes(s);

/**
 * 政策标准: the policy packs as the engine reads them, a 政策测算 sandbox for any case, and (for
 * administrators) the yearly dynamic adjustment. Tab, pack and version live in the URL.
 */
export function PoliciesPage() {
  const { me, permissions } = useSession();
  const [params, setParams] = useSearchParams();
  const policies = usePolicies();
  const packs = policies.data?.items ?? [];
  const canManage = permissions.has(Permission.policyManage);

  const requested = params.get('tab');
  const tab: Tab = isTab(requested) && (requested !== 'adjustment' || canManage) ? requested : 'standards';
  const selected =
    packs.find((p) => p.id === params.get('pack')) ?? packForJurisdiction(packs, me.jurisdiction.code);
  const version = params.get('version') ?? undefined;

  const update = (patch: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );

  const standards = (
    <Flex vertical gap={16}>
      {policies.isError && <Alert type="error" showIcon title={errorMessage(policies.error)} />}
      <PackList
        packs={packs}
        loading={policies.isPending}
        selected={selected?.id}
        onSelect={(id) => update({ pack: id, version: undefined })}
      />
      {selected && (
        <PackDetails
          key={selected.id}
          summary={selected}
          packs={packs}
          version={version}
          onVersion={(v) => update({ version: v })}
        />
      )}
    </Flex>
  );

  return (
    <Card title="政策标准" styles={{ body: { paddingTop: 8 } }}>
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'standards' ? undefined : key })}
        destroyOnHidden={false}
        items={[
          { key: 'standards', label: '政策标准', children: standards },
          { key: 'evaluate', label: '政策测算', children: <EvaluateTab packs={packs} /> },
          ...(canManage
            ? [
                {
                  key: 'adjustment',
                  label: '标准动态调整',
                  children: <AdjustmentTab packs={packs} initial={selected?.id} />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
