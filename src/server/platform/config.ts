import path from 'node:path';
import { z } from 'zod';

/** Process configuration, parsed once from the environment (and CLI flags) by zod. */
export const Config = z.object({
  databaseUrl: z.string().url().optional(),
  dataDir: z.string().min(1),
  port: z.coerce.number().int().min(1).max(65535),
  host: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']),
  /** Session lifetime in hours (sliding is not used: a session simply expires). */
  sessionHours: z.coerce.number().int().min(1).max(72),
  secureCookies: z.boolean(),
  /** HMAC-SHA256 secret of cross-matching keys (ADR 0006a); generated and stored when unset. */
  matchKey: z.string().min(16).optional(),
});
export type Config = z.infer<typeof Config>;

export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  return Config.parse({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.TONGBAO_DATA_DIR ?? 'data'),
    port: env.PORT ?? 3000,
    host: env.HOST ?? '0.0.0.0',
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionHours: env.TONGBAO_SESSION_HOURS ?? 8,
    secureCookies: env.TONGBAO_SECURE_COOKIES === 'true',
    matchKey: env.TONGBAO_MATCH_KEY || undefined,
    ...overrides,
  });
}
