#!/usr/bin/env node
// The CLI is TypeScript run through tsx, so a fresh clone works after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

// Node 20 is supported here; the SDK's notice about its future Node 22 floor is not for our users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
await import('../src/cli/main.ts');
