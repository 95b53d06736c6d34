import { RegionPicker, type RegionSource } from '../../components/RegionPicker.tsx';

const url = (parent?: string) =>
  `/applications/hukou-regions${parent ? `?parent=${encodeURIComponent(parent)}` : ''}`;

/** Regions nationwide, from the applications API (township users only). */
const NATIONWIDE: RegionSource = { key: ['applications', 'hukou-regions'], roots: url(), children: url };

/**
 * The 户籍 picker of a township's new-application form: regions nationwide (跨省通办), since a
 * guardian may apply at any township.
 */
export function HukouRegionPicker(props: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
}) {
  return <RegionPicker {...props} source={NATIONWIDE} placeholder="选择户籍地（全国）" />;
}
