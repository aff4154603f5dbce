// The repository's TypeScript compiled once, before a test run, into a mirror of the repository
// (node_modules/.cache/prongsai/compiled/), so each test process runs plain `node FILE.js`
// instead of transpiling and resolving every module again through tsx's loader hooks (about
// half of all the suite's CPU time was the start-up of its processes).
//
// The mirror has the same shape as the repository, so every path a module computes from its own
// import.meta.url (the migrations, package.json, the UI assets, the fonts, the catalogs' source
// files, `../shared` beside the repository) points at the same files:
//   src/**/*.ts(x)      → src/**/*.js (esbuild, with the options tsx uses: same target, keepNames,
//                         the tsconfig's JSX settings; inline source maps, so stack traces and
//                         assertion messages name the .ts lines) and the .ts file itself as a
//                         symbolic link (tests that read sources, child processes that run
//                         `node --import tsx src/main.ts` from the mirror run the real file);
//   src/** other files  → symbolic links to the originals;
//   every other top-level entry (drizzle, package.json, tsconfig.json, …) → a symbolic link;
//   ../shared           → a symbolic link to the repository's sibling, when it exists.
// Each run makes its own mirror from scratch (a second or two) and deletes it at the end
// (removeCompiled); mirrors left by runs that were killed are deleted by the next run. Nothing in
// it can go stale, nothing of it is committed; runs side by side never share one. Node resolves packages from the mirror by walking up to the
// repository's node_modules, which holds it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.join(root, 'node_modules/.cache/prongsai');

/** Compiles the repository into a fresh mirror and returns its directory. */
export async function compileForTests() {
  const { transform, stop } = await import('esbuild');
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
  const options = {
    format: 'esm',
    target: `node${process.versions.node}`,
    keepNames: true,
    sourcemap: 'inline',
    tsconfigRaw: { compilerOptions: tsconfig.compilerOptions },
  };
  fs.mkdirSync(cacheDir, { recursive: true });
  removeAbandoned();
  const fresh = fs.mkdtempSync(path.join(cacheDir, `compiled-${process.pid}-`));
  const jobs = [];
  const mirror = (rel) => {
    const from = path.join(root, rel);
    const to = path.join(fresh, rel);
    let entries;
    try {
      entries = fs.readdirSync(from, { withFileTypes: true });
    } catch (e) {
      if (e.code === 'ENOENT') return; // deleted while the mirror was being made
      throw e;
    }
    for (const entry of entries) {
      const r = path.join(rel, entry.name);
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name);
      if (entry.isDirectory()) {
        fs.mkdirSync(target);
        mirror(r);
        continue;
      }
      fs.symlinkSync(source, target);
      if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        jobs.push(
          fs.promises
            .readFile(source, 'utf8')
            .then((code) => transform(code, { ...options, loader: entry.name.endsWith('x') ? 'tsx' : 'ts', sourcefile: source }))
            .then(
              (out) => out.code,
              // A file that does not compile fails where tsx would fail: when something imports it.
              (error) => `throw new SyntaxError(${JSON.stringify(`${source}: ${error.message}`)});\n`,
            )
            .then(async (code) => {
              // Never through a link: a .js beside the .ts in the repository stays untouched.
              const out = target.replace(/\.tsx?$/, '.js');
              await fs.promises.rm(out, { force: true });
              await fs.promises.writeFile(out, code, { flag: 'wx' });
            }),
        );
      }
    }
  };
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (entry.name === 'src' || entry.name === 'node_modules' || entry.name === '.git') continue;
    fs.symlinkSync(path.join(root, entry.name), path.join(fresh, entry.name));
  }
  fs.mkdirSync(path.join(fresh, 'src'));
  mirror('src');
  try {
    await Promise.all(jobs);
  } finally {
    await stop(); // esbuild's service process is not needed for the rest of the run
  }
  // `../shared` seen from the mirror is cacheDir/shared: the same directory as from the
  // repository, or nothing when the repository has none beside it. Replaced by a rename, which
  // never leaves a moment without it for a run going on beside this one.
  const shared = path.resolve(root, '../shared');
  const link = path.join(cacheDir, 'shared');
  if (fs.existsSync(shared)) {
    const partial = `${link}.${process.pid}`;
    fs.rmSync(partial, { force: true });
    fs.symlinkSync(shared, partial);
    fs.renameSync(partial, link);
  } else {
    fs.rmSync(link, { force: true });
  }
  return fresh;
}

/** Deletes a mirror this run made. */
export function removeCompiled(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Deletes the mirrors of runs that have ended without deleting theirs (killed). */
function removeAbandoned() {
  for (const name of fs.readdirSync(cacheDir)) {
    const pid = Number(/^compiled-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if (e.code === 'ESRCH') fs.rmSync(path.join(cacheDir, name), { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const dir = await compileForTests();
  console.log(`compiled into ${path.relative(root, dir)} in ${Date.now() - started} ms (delete it when done)`);
}
