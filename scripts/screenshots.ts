// `npm run screenshots`: the one command that rewrites the tracked docs/screenshots/*.png
// (`npm test` writes its copies under test-results/ instead). Each part runs in turn; a part
// that fails stops the rest with its exit code. Add a part here to add screenshots.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = fileURLToPath(new URL('../docs/screenshots', import.meta.url));

const parts: { what: string; command: string; args: string[]; env?: Record<string, string> }[] = [
  {
    what: 'every preset at 1280×720 (e2e/lab/screenshots.spec.ts)',
    command: 'npx',
    args: ['playwright', 'test', 'e2e/lab/screenshots.spec.ts', '--workers=1'],
    env: { DSLAB_SCREENSHOTS: DOCS },
  },
  { what: 'lesson steps (scripts/lesson-screenshots.ts)', command: 'npx', args: ['tsx', 'scripts/lesson-screenshots.ts'] },
  { what: 'real and simulated nodes (scripts/relay-screenshot.ts)', command: 'npx', args: ['tsx', 'scripts/relay-screenshot.ts'] },
];

for (const part of parts) {
  console.log(`screenshots: ${part.what}`);
  const result = spawnSync(part.command, part.args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...part.env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
