#!/usr/bin/env node
// The `tongbao` command. TypeScript sources run through tsx, so a clone works after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli/main.ts');
