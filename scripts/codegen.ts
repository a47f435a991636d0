/**
 * `npm run codegen`: GraphQL Code Generator's client preset, run programmatically
 * (what @graphql-codegen/cli does internally; the CLI itself cannot be installed
 * here). Reads codegen.ts, writes the typed documents to generated/graphql/.
 * `generate()` is also what test/unit/codegen.test.ts runs, in memory, to fail
 * while the checked-in output is stale.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { composeServices } from '@apollo/composition';
import { codegen } from '@graphql-codegen/core';
import { preset } from '@graphql-codegen/client-preset';
import { parse, printSchema, type GraphQLSchema } from 'graphql';
import config, { type CodegenConfig } from '../codegen.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface GeneratedFile {
  /** Relative to the project root, with `/` separators. */
  filename: string;
  content: string;
}

type DocumentFile = Parameters<typeof codegen>[0]['documents'][number];

/** The schema clients see through a router: schema/schema.graphql composed on its own, as an API schema. */
export function clientSchema(subgraphSdl: string): GraphQLSchema {
  const result = composeServices([{ name: 'vehicle-access', typeDefs: parse(subgraphSdl), url: 'http://vehicle-access/graphql' }]);
  if (result.errors) throw new Error(`schema does not compose:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.schema.toAPISchema().toGraphQLJSSchema();
}

/** Expands `dir/*.ext`-style patterns (one `*`, in the file name): all codegen.ts needs. */
async function expand(pattern: string, root: string): Promise<string[]> {
  const dir = path.posix.dirname(pattern);
  const name = path.posix.basename(pattern);
  if (dir.includes('*') || name.split('*').length > 2) throw new Error(`unsupported documents pattern: ${pattern}`);
  const [prefix = '', suffix = ''] = name.split('*');
  const files = await readdir(path.join(root, dir));
  const matches = name.includes('*') ? files.filter((f) => f.startsWith(prefix) && f.endsWith(suffix)) : files.filter((f) => f === name);
  return matches.sort().map((f) => path.posix.join(dir, f));
}

async function loadDocuments(patterns: string[], root: string): Promise<DocumentFile[]> {
  const files = (await Promise.all(patterns.map((p) => expand(p, root)))).flat();
  if (files.length === 0) throw new Error(`no documents match ${patterns.join(', ')}`);
  return Promise.all(
    files.map(async (location) => {
      const rawSDL = await readFile(path.join(root, location), 'utf8');
      return { location, rawSDL, document: parse(rawSDL) };
    }),
  );
}

/** Runs every output of the config in memory; nothing is written. */
export async function generate(options: { config?: CodegenConfig; root?: string } = {}): Promise<GeneratedFile[]> {
  const { config: cfg = config, root = PROJECT_ROOT } = options;
  const schemaAst = clientSchema(await readFile(path.join(root, cfg.schema), 'utf8'));
  const schema = parse(printSchema(schemaAst));
  const documents = await loadDocuments(cfg.documents, root);
  const generated: GeneratedFile[] = [];
  for (const [baseOutputDir, output] of Object.entries(cfg.generates)) {
    const sections = await preset.buildGeneratesSection({
      baseOutputDir,
      presetConfig: output.presetConfig ?? {},
      config: output.config ?? {},
      schema,
      schemaAst,
      documents,
      plugins: [],
      pluginMap: {},
    });
    for (const section of sections) {
      generated.push({ filename: section.filename, content: await codegen({ ...section, schemaAst }) });
    }
  }
  return generated.sort((a, b) => a.filename.localeCompare(b.filename));
}

/** Writes the generated files under `root`. */
export async function writeGenerated(files: GeneratedFile[], root = PROJECT_ROOT): Promise<void> {
  for (const file of files) {
    const target = path.join(root, file.filename);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = await generate();
  await writeGenerated(files);
  for (const file of files) console.log(`wrote ${file.filename}`);
}
