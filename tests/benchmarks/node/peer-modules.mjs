// Loads npm packages from tests/peer/node_modules (the benchmarks have no node_modules of their own).
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';

const peerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'peer');
const requireFromPeer = createRequire(path.join(peerDir, 'package.json'));

export async function loadPeer(name) {
  let resolved;
  try {
    resolved = requireFromPeer.resolve(name);
  } catch (cause) {
    throw new Error(`${name} not found under ${peerDir}/node_modules: run \`npm ci\` there `
      + '(or use tests/benchmarks/node/run.sh, which does)', { cause });
  }
  return import(pathToFileURL(resolved).href);
}

// --name value / --flag parsing; `spec` maps option names to defaults (their type picks the parser).
export function parseOptions(argv, spec) {
  const out = { ...spec };
  for (let i = 0; i < argv.length; i += 1) {
    const m = /^--([a-z][a-z0-9-]*)$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    const key = m[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in spec)) throw new Error(`unknown option --${m[1]}`);
    if (typeof spec[key] === 'boolean') {
      out[key] = true;
    } else {
      if (i + 1 >= argv.length) throw new Error(`--${m[1]} needs a value`);
      i += 1;
      out[key] = typeof spec[key] === 'number' ? Number(argv[i]) : argv[i];
      if (typeof spec[key] === 'number' && !(Number.isFinite(out[key]) && out[key] > 0)) {
        throw new Error(`--${m[1]} needs a positive number`);
      }
    }
  }
  return out;
}

// Runs fn() `count` times with `concurrency` workers; returns the result JSON object.
export async function measure(count, concurrency, fn) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      await fn();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return {
    ops: count,
    wall_s: Number(wall.toFixed(6)),
    cpu_user_s: Number((cpu.user / 1e6).toFixed(6)),
    cpu_sys_s: Number((cpu.system / 1e6).toFixed(6)),
    ops_per_s: Number((count / wall).toFixed(2)),
  };
}

export function fail(err) {
  console.error(`error: ${err?.message || err}`);
  process.exit(1);
}
