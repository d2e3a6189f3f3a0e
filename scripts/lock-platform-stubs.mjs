// Adds lock-file entries for platform-specific optional packages that npm could not resolve because
// the package registry reachable here does not carry them (other OSes/CPUs). npm ci requires every
// optional dependency to appear in the lock; an entry with os/cpu that do not match this machine is
// skipped at install, exactly as a lock generated with the full public registry would be.
// Usage: node scripts/lock-platform-stubs.mjs  (after `npm install`)
import { readFileSync, writeFileSync } from 'node:fs';
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const pkgs = lock.packages;
const added = [];
const platformOf = (name) => {
  const m = /-(android|darwin|freebsd|linux|win32|openharmony|sunos|aix)-([a-z0-9]+)(?:-(gnu|musl|msvc|eabi|gnueabihf|musleabihf))?$/.exec(name);
  if (!m) return undefined;
  const [, os, cpu, abi] = m;
  return { os, cpu, libc: abi === 'gnu' || abi === 'gnueabihf' ? 'glibc' : abi === 'musl' || abi === 'musleabihf' ? 'musl' : undefined };
};
for (const [path, entry] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (pkgs[key] || pkgs[`${path}/node_modules/${dep}`]) continue;
    const p = platformOf(dep);
    if (!p) throw new Error(`${dep} is missing from the lock and is not a platform package`);
    pkgs[key] = { version, cpu: [p.cpu], ...(entry.dev ? { dev: true } : {}), ...(p.libc ? { libc: [p.libc] } : {}), optional: true, os: [p.os] };
    added.push(dep);
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added.length} platform stubs: ${added.join(', ')}`);
