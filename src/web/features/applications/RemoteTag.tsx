import { Tag, Tooltip } from 'antd';
import type { ApplicationSummary } from './applications.api.ts';

/** 跨省通办 marker: which side of the case the user is on and where it was taken in. */
export function RemoteTag({ application: a }: { application: ApplicationSummary }) {
  if (a.path !== 'remote') return null;
  const where = a.acceptingRegionName?.split('/').slice(-2).join('') ?? a.acceptingRegion ?? '';
  return (
    <Tooltip title={`异地受理（跨省通办）：受理地 ${where}`}>
      <Tag color="purple" style={{ marginLeft: 6 }} data-testid="remote-tag">
        {a.side === 'accepting' ? '异地受理·受理地' : '异地受理·户籍地'}
      </Tag>
    </Tooltip>
  );
}
