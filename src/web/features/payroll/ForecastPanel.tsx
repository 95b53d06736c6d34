import { todayInChina } from '../../components/today.ts';
import { Alert, Button, Card, Checkbox, Descriptions, Flex, Input, InputNumber, Space } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core.js';
import { useState } from 'react';
import { api, errorMessage } from '../../api/client.ts';
import { useForecast, type Forecast } from './payroll.api.ts';
import { itemLabel, yuan } from './labels.ts';

// Only the pieces the chart uses (keeps the lazily loaded chunk small).
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const toYuan = (fen: number) => Math.round(fen / 100);

function chartOption(f: Forecast) {
  const months = f.current.months.map((m) => m.month.slice(5) + '月');
  const items = Object.keys(f.current.byItem);
  const series: object[] = items.map((item) => ({
    name: `现行：${itemLabel(item)}`,
    type: 'bar',
    stack: 'current',
    data: f.current.months.map((m) => toYuan(m.byItem[item] ?? 0)),
  }));
  if (f.proposed) {
    series.push({
      name: '拟调整标准合计',
      type: 'line',
      data: f.proposed.months.map((m) => toYuan(m.totalFen)),
    });
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 80, right: 20, top: 60, bottom: 30 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: '元' },
    series,
  };
}

/** 下一年度资金测算: current standards vs a proposed adjustment, by month and item. */
export function ForecastPanel({ region }: { region: string }) {
  const [year, setYear] = useState(Number(todayInChina().slice(0, 4)) + 1);
  const [code, setCode] = useState(region);
  const [withProposal, setWithProposal] = useState(false);
  const [income, setIncome] = useState({ last: '', before: '' });
  const forecast = useForecast();
  const [error, setError] = useState<string>();

  async function run() {
    setError(undefined);
    try {
      let proposal: unknown;
      if (withProposal) {
        const packId = `cn-${code.slice(0, 4).padEnd(6, '0')}`;
        proposal = await api.post(`/policies/${packId}/adjustment`, {
          lastYearIncomeYuan: income.last,
          yearBeforeIncomeYuan: income.before,
          effectiveFrom: `${year}-01-01`,
        });
      }
      forecast.mutate({ region: code, year, ...(proposal ? { proposal } : {}) });
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  const f = forecast.data;
  return (
    <Flex vertical gap={16}>
      <Card size="small" title="测算条件">
        <Space wrap>
          <InputNumber
            addonBefore="年度"
            value={year}
            onChange={(v) => v && setYear(v)}
            min={2000}
            max={2100}
          />
          <Input
            addonBefore="区划代码"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            style={{ width: 220 }}
          />
          <Checkbox checked={withProposal} onChange={(e) => setWithProposal(e.target.checked)}>
            按动态调整测算拟调整标准
          </Checkbox>
          {withProposal && (
            <>
              <Input
                addonBefore="上年居民人均可支配收入（元）"
                value={income.last}
                onChange={(e) => setIncome({ ...income, last: e.target.value })}
                style={{ width: 320 }}
              />
              <Input
                addonBefore="前年（元）"
                value={income.before}
                onChange={(e) => setIncome({ ...income, before: e.target.value })}
                style={{ width: 200 }}
              />
            </>
          )}
          <Button type="primary" loading={forecast.isPending} onClick={() => void run()}>
            测算
          </Button>
        </Space>
      </Card>
      {(error ?? forecast.error) && (
        <Alert type="error" showIcon message={error ?? errorMessage(forecast.error)} />
      )}
      {f && (
        <Card size="small" title={`${f.year} 年资金测算（${f.children} 名在册儿童）`}>
          <Descriptions size="small" column={3}>
            <Descriptions.Item label="现行标准全年">{yuan(f.current.totalFen)}</Descriptions.Item>
            {f.proposed && (
              <Descriptions.Item label="拟调整标准全年">{yuan(f.proposed.totalFen)}</Descriptions.Item>
            )}
            {f.differenceFen !== undefined && (
              <Descriptions.Item label="增加">{yuan(f.differenceFen)}</Descriptions.Item>
            )}
            {Object.entries(f.current.byItem).map(([k, v]) => (
              <Descriptions.Item key={k} label={itemLabel(k)}>
                {yuan(v)}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <ReactEChartsCore echarts={echarts} option={chartOption(f)} style={{ height: 360 }} notMerge />
        </Card>
      )}
    </Flex>
  );
}
