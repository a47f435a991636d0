import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** One subgraph of the local router: where it answers and where its SDL is. */
export interface SubgraphSource {
  name: string;
  url: string;
  sdlPath: string;
}

/** The name this subgraph has in the supergraph (and in `transportEntries`). */
export const VEHICLE_ACCESS = 'vehicle-access';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/**
 * This subgraph (`SUBGRAPH_URL`, SDL `schema/schema.graphql`) plus the ones
 * listed in `GATEWAY_SUBGRAPHS`: `;`-separated `name=url=sdl-path` entries,
 * e.g. `garage=http://127.0.0.1:4002/graphql=../garage/schema.graphql`
 * (paths relative to the project root). The name is what precedes the first
 * `=`, the SDL path what follows the last one, the URL what lies between.
 */
export function subgraphSources(env: NodeJS.ProcessEnv): SubgraphSource[] {
  const own = {
    name: VEHICLE_ACCESS,
    url: env.SUBGRAPH_URL?.trim() || 'http://127.0.0.1:4000/graphql',
    sdlPath: path.join(PROJECT_ROOT, 'schema/schema.graphql'),
  };
  const listed = (env.GATEWAY_SUBGRAPHS ?? '')
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map(parseEntry);
  const names = new Set<string>();
  for (const { name } of [own, ...listed]) {
    if (names.has(name)) throw new Error(`GATEWAY_SUBGRAPHS: subgraph "${name}" is listed twice`);
    names.add(name);
  }
  return [own, ...listed];
}

function parseEntry(entry: string): SubgraphSource {
  const first = entry.indexOf('=');
  const last = entry.lastIndexOf('=');
  const name = entry.slice(0, first).trim();
  const url = entry.slice(first + 1, last).trim();
  const sdlPath = entry.slice(last + 1).trim();
  if (first < 1 || last === first || !URL.canParse(url) || !sdlPath) {
    throw new Error(`GATEWAY_SUBGRAPHS: expected "name=url=sdl-path", got "${entry}"`);
  }
  return { name, url, sdlPath: path.resolve(PROJECT_ROOT, sdlPath) };
}

/** The supergraph SDL of `sources`, or an error listing every composition error. */
export function composeSupergraph(sources: SubgraphSource[]): string {
  const result = composeServices(
    sources.map(({ name, url, sdlPath }) => ({ name, url, typeDefs: parse(readFileSync(sdlPath, 'utf8')) })),
  );
  if (result.errors) {
    throw new Error(`the subgraphs do not compose:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
