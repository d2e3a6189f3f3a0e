/** `npm run e2e` on a machine without moto says how to install it and fails (docs/testing.md, CI). */
import { spawnSync } from 'node:child_process';

it('npm run e2e without moto prints the install command and exits non-zero', () => {
  const run = spawnSync('npm', ['run', '--silent', 'e2e'], {
    encoding: 'utf8',
    env: { ...process.env, E2E_PYTHON: '/nonexistent/python3' },
  });
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain("pip install 'moto[server]'");
  expect(run.stdout).not.toContain('applying');
});
