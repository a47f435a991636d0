// Copies what the built app reads at run time but tsc does not emit (SQL
// migrations, the explorer's page script and style, any other non-TypeScript
// file under src/) to the same place under dist/, where `import.meta.url`
// finds it. Plain Node, so a build needs nothing beyond tsc.
import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';

const [from = 'src', to = 'dist'] = process.argv.slice(2);

async function* runtimeFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* runtimeFiles(file);
    else if (!entry.name.endsWith('.ts')) yield file;
  }
}

let copied = 0;
for await (const file of runtimeFiles(from)) {
  await cp(file, path.join(to, path.relative(from, file)));
  copied += 1;
}
console.log(`copied ${copied} runtime files from ${from}/ to ${to}/`);
