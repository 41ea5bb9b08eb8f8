/**
 * One-time conversion of the article seed from its TypeScript data (seeds/data/us-iran-2019-2020.ts)
 * into the newsgraph NDJSON import format (seeds/us-iran-2019-2020.ndjson). Run once; the
 * TypeScript data and this script are removed in the next commit, the NDJSON file is the source.
 */
import { writeFileSync } from 'node:fs';
import { dataset } from '../seeds/data/us-iran-2019-2020.js';
import type { SeedCitation, SeedDate, SeedFigure } from '../seeds/types.js';

/** Drops null members and empty lists: the format reads both as "none". */
const compact = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
const date = (d: SeedDate) => ({ date: d.on, precision: d.precision });
const figure = (f: SeedFigure) => compact({ low: f.low, best: f.best, high: f.high, qualifier: f.qualifier, wording: f.wording });
const citation = (c: SeedCitation) =>
  compact({ source: c.source, passage: c.passage, attributedTo: c.attributedTo, attribution: c.attribution });

const lines: unknown[] = [{ dataset: compact({ ...dataset.info }) }];
for (const c of dataset.countries) lines.push({ country: { code: c.code, name: c.name } });
for (const s of dataset.sources) lines.push({ source: compact({ ...s }) });
for (const a of dataset.actors) {
  const { key, name, kind, aliases, country, title, parent, description } = a;
  lines.push({ actor: compact({ key, name, kind, aliases, country, title, parent, description }) });
}
for (const l of dataset.locations) lines.push({ location: compact({ ...l }) });

const deployment = (d: (typeof dataset.deployments)[number]) =>
  compact({
    key: d.key,
    figure: figure(d.figure),
    status: d.status,
    troops: d.troops,
    forceCountry: d.forceCountry,
    orderedBy: d.orderedBy,
    destinationLocation: d.destinationLocation,
    destinationCountry: d.destinationCountry,
    occurredOn: date(d.occurred),
    supersedes: d.supersedes,
    citation: citation(d.citation),
  });
const quote = (q: (typeof dataset.quotes)[number], nested: boolean) =>
  compact({
    key: q.key,
    text: q.text,
    speaker: q.speaker,
    ...(nested ? { reaction: q.reaction } : {}),
    occurredOn: date(q.said),
    medium: q.medium,
    citation: citation(q.citation),
  });

for (const e of dataset.events) {
  lines.push({
    event: compact({
      key: e.key,
      title: e.title,
      summary: e.summary,
      kind: e.kind,
      occurredOn: date(e.occurred),
      location: e.location,
      timeline: e.timeline,
      citation: citation(e.citation),
      participants: e.actors.map((p) => ({ actor: p.actor, role: p.role, citation: citation(p.citation) })),
      links: dataset.eventLinks.filter((l) => l.from === e.key).map((l) => ({ to: l.to, kind: l.kind, citation: citation(l.citation) })),
      casualties: dataset.casualties
        .filter((c) => c.event === e.key)
        .map((c) =>
          compact({
            key: c.key,
            kind: c.kind,
            figure: figure(c.figure),
            victims: c.victims,
            victimCountry: c.victimCountry,
            affiliation: c.affiliation,
            occurredOn: date(c.occurred),
            citation: citation(c.citation),
          }),
        ),
      deployments: dataset.deployments.filter((d) => d.event === e.key).map(deployment),
      reactions: dataset.reactions
        .filter((r) => r.event === e.key)
        .map((r) => ({
          key: r.key,
          actor: r.actor,
          stance: r.stance,
          summary: r.summary,
          occurredOn: date(r.occurred),
          citation: citation(r.citation),
        })),
      quotes: dataset.quotes.filter((q) => q.event === e.key).map((q) => quote(q, true)),
    }),
  });
}
for (const d of dataset.deployments.filter((d) => d.event === null)) lines.push({ deployment: deployment(d) });
for (const q of dataset.quotes.filter((q) => q.event === null)) lines.push({ quote: quote(q, false) });

writeFileSync('seeds/us-iran-2019-2020.ndjson', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
console.log(`wrote ${lines.length} lines`);
