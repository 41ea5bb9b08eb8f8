/** Summarises a V8 .cpuprofile (written by `node --cpu-prof`): where the busy samples landed. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface SelfTimeEntry {
  function: string;
  location: string;
  selfPercent: number;
}

export interface ProfileSummary {
  /** Share of samples the process was busy (not idle), in percent. */
  busyPercent: number;
  /** Top functions by self time, in percent of busy samples. */
  functions: SelfTimeEntry[];
  /** Per package (node_modules/<name>, or newsgraph's src/ file): samples with it anywhere on the stack, in percent of busy samples. */
  packages: { name: string; inclusivePercent: number }[];
  /**
   * Per layer of the request's path, self time in percent of busy samples: each sample goes to the
   * code it was in, a native function (JSON.parse, a socket write) to the nearest JavaScript caller.
   */
  layers: { layer: string; selfPercent: number }[];
}

/** The layer of a request's path a source file belongs to (see ProfileSummary.layers). */
function layerOf(url: string): string | undefined {
  if (!url) return undefined;
  if (/node_modules\/@apollo\//.test(url)) return "Apollo Server's request pipeline";
  if (/node_modules\/graphql\/(language|validation)\//.test(url)) return 'GraphQL parsing and validation';
  if (/node_modules\/(graphql-jit|graphql|dataloader|type-graphql|class-validator)\//.test(url))
    return 'execution (graphql-jit, graphql, DataLoader, type-graphql)';
  if (/node_modules\/(pg|pg-protocol|pg-pool|pg-types|drizzle-orm)\//.test(url)) return 'SQL: driver and row decoding (pg, drizzle)';
  if (/\/src\/(http\/|server\.ts|index\.ts)/.test(url)) return "newsgraph's HTTP layer";
  if (/\/src\/(graphql|db)\//.test(url)) return "newsgraph's resolvers and SQL building";
  if (/node_modules\//.test(url)) return 'other packages (pino, lru-cache, …)';
  if (/^node:|^internal\//.test(url)) return 'node: HTTP parsing, sockets, streams, timers';
  return 'other';
}

export function summariseCpuProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[] };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const isIdle = (node: ProfileNode) => node.callFrame.functionName === '(idle)';
  const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
  const busy = profile.nodes.reduce((sum, node) => sum + (isIdle(node) ? 0 : (node.hitCount ?? 0)), 0) || 1;

  const byFunction = new Map<string, SelfTimeEntry>();
  const byPackage = new Map<string, number>();
  const byLayer = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits || isIdle(node)) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const location = url ? `${shorten(url)}:${lineNumber + 1}` : '(native)';
    const key = `${functionName || '(anonymous)'} ${location}`;
    const entry = byFunction.get(key) ?? { function: functionName || '(anonymous)', location, selfPercent: 0 };
    entry.selfPercent += (100 * hits) / busy;
    byFunction.set(key, entry);
    let layer: string | undefined =
      functionName === '(garbage collector)'
        ? 'garbage collection'
        : functionName === '(program)'
          ? 'V8 and native, no JavaScript caller'
          : undefined;
    for (let id: number | undefined = node.id; !layer && id !== undefined; id = parentOf.get(id))
      layer = layerOf(byId.get(id)!.callFrame.url);
    byLayer.set(layer ?? 'other', (byLayer.get(layer ?? 'other') ?? 0) + (100 * hits) / busy);
    // Inclusive: count the sample once for every package on its (synchronous) stack.
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parentOf.get(id)) {
      const owner = ownerOf(byId.get(id)!.callFrame.url);
      if (owner && !seen.has(owner)) {
        seen.add(owner);
        byPackage.set(owner, (byPackage.get(owner) ?? 0) + (100 * hits) / busy);
      }
    }
  }
  return {
    busyPercent: (100 * busy) / total,
    functions: [...byFunction.values()].sort((a, b) => b.selfPercent - a.selfPercent).slice(0, top),
    packages: [...byPackage]
      .map(([name, inclusivePercent]) => ({ name, inclusivePercent }))
      .sort((a, b) => b.inclusivePercent - a.inclusivePercent)
      .slice(0, 20),
    layers: [...byLayer].map(([layer, selfPercent]) => ({ layer, selfPercent })).sort((a, b) => b.selfPercent - a.selfPercent),
  };
}

function shorten(url: string): string {
  const at = url.lastIndexOf('node_modules/');
  if (at >= 0) return url.slice(at + 'node_modules/'.length);
  return path.relative(process.cwd(), url.replace(/^file:\/\//, ''));
}

function ownerOf(url: string): string | undefined {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  const source = /\/(src\/.*)$/.exec(url);
  return source ? source[1] : undefined;
}
