import type { Command } from 'commander';

/** `tongbao evaluate` — wired to the rules engine (issue 3). */
export function registerEvaluate(_program: Command): void {}
