import type { Command } from 'commander';
import { canonicalPackId } from '../../domain/policy/pack-id.ts';
import { todayInChina } from '../platform/clock.ts';
import { makePoliciesService } from '../modules/policies/policies.service.ts';
import { CliError, printJson } from './context.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `tongbao evaluate [--policy ID]`: ChildFacts JSON on stdin → Determination JSON (interchange.md §3). */
export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description(
      '读取标准输入的 ChildFacts JSON（单个或数组），输出认定结果 / evaluate ChildFacts from stdin',
    )
    .option('--policy <id>', '指定政策包 / policy pack id, e.g. cn-640300')
    .action(async (o: { policy?: string }) => {
      const text = await readStdin();
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch (e) {
        throw new CliError(`输入不是有效的 JSON：${(e as Error).message}`, 'stdin is not valid JSON');
      }
      if (o.policy !== undefined && !canonicalPackId(o.policy)) {
        throw new CliError(`政策包编号无效：${o.policy}`, `invalid policy id: ${o.policy}`);
      }
      const withPolicy = (x: unknown) =>
        o.policy && x && typeof x === 'object' && !Array.isArray(x) ? { ...x, policy: o.policy } : x;
      const facts = Array.isArray(input) ? input.map(withPolicy) : withPolicy(input);
      const policies = makePoliciesService({ today: () => todayInChina() });
      try {
        printJson(policies.evaluate(facts));
      } catch (e) {
        const issues =
          (e as { details?: { issues?: { path: string; message: string }[] } }).details?.issues ?? [];
        const first = issues[0];
        if (!first) throw e;
        const more = issues.length > 1 ? ` (+${issues.length - 1})` : '';
        throw new CliError(`${first.path}：${first.message}${more}`, `invalid input at ${first.path}${more}`);
      }
    });
}
