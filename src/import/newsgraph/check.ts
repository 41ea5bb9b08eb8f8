import { figureErrors, type FigureValue } from '../../write/figure-rules.js';
import { dateErrors, isCalendarDate } from '../../write/date-rules.js';
import { normalisePassage } from '../../write/passage.js';
import type { Problem } from '../driver.js';
import type { CitationLine, EventLine, FuzzyDateLine, KeyKind, RecordLine } from './types.js';

/** A key a line defines or refers to, with the JSON path where it stands. */
export interface KeyUse {
  kind: KeyKind;
  key: string;
  path: string;
}

/** A passage whose source is not defined in the file: checked against the stored source's full text, if it has one. */
export interface PassageUse {
  source: string;
  passage: string;
  path: string;
}

const id = (kind: KeyKind, key: string) => `${kind}\u0000${key}`;

/**
 * What the file has defined so far, shared by the reader (references must point backwards) and
 * the writer (a line the database refuses takes its keys out again). Holds every key of the file:
 * about 100 bytes a record.
 */
export class FileKeys {
  private readonly defined = new Map<string, number>();
  private readonly rejected = new Map<string, number>();
  /** Sources defined in the file: their normalised full text, or null when they have none. */
  readonly fullTexts = new Map<string, string | null>();
  /** Parent of each actor defined in the file, to refuse a cycle. */
  readonly parents = new Map<string, string | null>();
  /** Deployment key → the line of the report that supersedes it (a report is superseded once). */
  readonly superseded = new Map<string, number>();

  definedAt(kind: KeyKind, key: string): number | undefined {
    return this.defined.get(id(kind, key));
  }
  rejectedAt(kind: KeyKind, key: string): number | undefined {
    return this.rejected.get(id(kind, key));
  }
  define(uses: KeyUse[], line: number): void {
    for (const use of uses) this.defined.set(id(use.kind, use.key), line);
  }
  /** A line was rejected: its keys are unknown to the lines after it. */
  reject(uses: KeyUse[], line: number): void {
    for (const use of uses) {
      const at = this.defined.get(id(use.kind, use.key));
      if (at !== line && at !== undefined) continue;
      this.defined.delete(id(use.kind, use.key));
      this.rejected.set(id(use.kind, use.key), line);
      if (use.kind === 'source') this.fullTexts.delete(use.key);
      if (use.kind === 'actor') this.parents.delete(use.key);
    }
    for (const [key, at] of this.superseded) if (at === line) this.superseded.delete(key);
  }
}

export interface LineAnalysis {
  problems: Problem[];
  defines: KeyUse[];
  /** Keys referred to that this line does not define: an earlier line of the file or the database must. */
  refs: KeyUse[];
  passages: PassageUse[];
  /** Deployments this line supersedes (recorded in FileKeys once the line is accepted). */
  supersedes: string[];
}

/** passageOccursIn (src/write/passage.ts) against a full text normalised once, when its source line was read. */
const occursIn = (passage: string, normalisedText: string) => {
  const wanted = normalisePassage(passage);
  return wanted.length > 0 && normalisedText.includes(wanted);
};

const pointer = (segments: (string | number)[]) => `/${segments.join('/')}`;

/**
 * The checks a JSON Schema cannot express, on a line the schema accepted: figure rules, real
 * dates, references to keys defined before (in the file or the database), keys defined once,
 * passages found in their source's full text, no cycles. Pure apart from reading `keys`.
 */
export function analyseLine(record: RecordLine, line: number, keys: FileKeys): LineAnalysis {
  const problems: Problem[] = [];
  const defines: KeyUse[] = [];
  const refs: KeyUse[] = [];
  const passages: PassageUse[] = [];
  const supersedes: string[] = [];
  const problem = (path: (string | number)[], reason: string) => problems.push({ column: pointer(path), reason });
  // Keys this very line defines may be referred to from inside it (a quote's reaction, a deployment it supersedes).
  const own = new Set<string>();

  const define = (kind: KeyKind, key: string, path: (string | number)[]) => {
    const earlier = keys.definedAt(kind, key);
    if (earlier !== undefined) problem(path, `${kind} "${key}" is already defined at line ${earlier}`);
    else if (own.has(id(kind, key))) problem(path, `${kind} "${key}" is defined twice in this line`);
    own.add(id(kind, key));
    defines.push({ kind, key, path: pointer(path) });
  };
  const refer = (kind: KeyKind, key: string | null | undefined, path: (string | number)[]) => {
    if (key === null || key === undefined) return;
    if (own.has(id(kind, key))) return;
    const rejectedAt = keys.rejectedAt(kind, key);
    if (keys.definedAt(kind, key) === undefined && rejectedAt !== undefined) {
      problem(path, `refers to ${kind} "${key}", whose line ${rejectedAt} was rejected`);
      return;
    }
    refs.push({ kind, key, path: pointer(path) });
  };
  const date = (value: FuzzyDateLine, path: (string | number)[]) => {
    let calendar = true;
    for (const [name, text] of [
      ['date', value.date],
      ['end', value.end],
    ] as const) {
      if (text && !isCalendarDate(text)) {
        problem([...path, name], `"${text}" is not a calendar date`);
        calendar = false;
      }
    }
    if (calendar) for (const error of dateErrors(value, [])) problem([...path, ...error.field], error.message);
  };
  const plainDate = (text: string | null | undefined, path: (string | number)[]) => {
    if (text && !isCalendarDate(text)) problem(path, `"${text}" is not a calendar date`);
  };
  const figure = (value: FigureValue, path: (string | number)[]) => {
    for (const error of figureErrors(value, [])) problem([...path, ...error.field], error.message);
  };
  const cite = (citation: CitationLine, path: (string | number)[]) => {
    refer('source', citation.source, [...path, 'source']);
    refer('actor', citation.attributedTo, [...path, 'attributedTo']);
    const fullText = keys.fullTexts.get(citation.source);
    if (fullText === undefined) {
      if (keys.definedAt('source', citation.source) === undefined) {
        passages.push({ source: citation.source, passage: citation.passage, path: pointer([...path, 'passage']) });
      }
    } else if (fullText !== null && !occursIn(citation.passage, fullText)) {
      problem([...path, 'passage'], `does not occur in the full text of source "${citation.source}" (quote it verbatim)`);
    }
  };

  switch (record.kind) {
    case 'country':
      define('country', record.value.code, ['country', 'code']);
      break;
    case 'source': {
      const s = record.value;
      define('source', s.key, ['source', 'key']);
      plainDate(s.publishedOn, ['source', 'publishedOn']);
      plainDate(s.updatedOn, ['source', 'updatedOn']);
      break;
    }
    case 'actor': {
      const a = record.value;
      define('actor', a.key, ['actor', 'key']);
      refer('country', a.country, ['actor', 'country']);
      if (a.parent === a.key) problem(['actor', 'parent'], 'an actor cannot be its own parent');
      else if (a.parent) {
        refer('actor', a.parent, ['actor', 'parent']);
        // The parent chain among the file's actors must not come back to this one.
        const seen = new Set<string>();
        for (let at: string | null | undefined = a.parent; at && !seen.has(at); at = keys.parents.get(at)) {
          seen.add(at);
          if (keys.parents.get(at) === a.key) {
            problem(['actor', 'parent'], `parent "${a.parent}" descends from "${a.key}": the parents would form a cycle`);
            break;
          }
        }
      }
      break;
    }
    case 'location': {
      const l = record.value;
      define('location', l.key, ['location', 'key']);
      (l.countries ?? []).forEach((code, i) => refer('country', code, ['location', 'countries', i]));
      if (((l.latitude ?? null) === null) !== ((l.longitude ?? null) === null)) {
        problem(['location', l.latitude == null ? 'latitude' : 'longitude'], 'latitude and longitude come together, or neither');
      }
      break;
    }
    case 'event':
      analyseEvent(record.value);
      break;
    case 'deployment':
      define('deployment', record.value.key, ['deployment', 'key']);
      deployment(record.value, ['deployment']);
      break;
    case 'quote': {
      const q = record.value;
      define('quote', q.key, ['quote', 'key']);
      refer('actor', q.speaker, ['quote', 'speaker']);
      date(q.occurredOn, ['quote', 'occurredOn']);
      cite(q.citation, ['quote', 'citation']);
      break;
    }
  }
  return { problems, defines, refs, passages, supersedes };

  function deployment(d: NonNullable<EventLine['deployments']>[number], path: (string | number)[]) {
    figure(d.figure, [...path, 'figure']);
    refer('country', d.forceCountry, [...path, 'forceCountry']);
    refer('country', d.destinationCountry, [...path, 'destinationCountry']);
    refer('location', d.destinationLocation, [...path, 'destinationLocation']);
    refer('actor', d.orderedBy, [...path, 'orderedBy']);
    date(d.occurredOn, [...path, 'occurredOn']);
    cite(d.citation, [...path, 'citation']);
    if (d.supersedes) {
      if (d.supersedes === d.key) problem([...path, 'supersedes'], 'a report cannot supersede itself');
      else {
        refer('deployment', d.supersedes, [...path, 'supersedes']);
        const by = keys.superseded.get(d.supersedes);
        if (by !== undefined || supersedes.includes(d.supersedes)) {
          problem([...path, 'supersedes'], `deployment "${d.supersedes}" is already superseded by the report at line ${by ?? line}`);
        }
        supersedes.push(d.supersedes);
      }
    }
  }

  function analyseEvent(e: EventLine) {
    const path = ['event'];
    define('event', e.key, [...path, 'key']);
    // Children first, so the event's own references may name them.
    e.casualties?.forEach((c, i) => define('casualty', c.key, [...path, 'casualties', i, 'key']));
    e.deployments?.forEach((d, i) => define('deployment', d.key, [...path, 'deployments', i, 'key']));
    e.reactions?.forEach((r, i) => define('reaction', r.key, [...path, 'reactions', i, 'key']));
    e.quotes?.forEach((q, i) => define('quote', q.key, [...path, 'quotes', i, 'key']));
    date(e.occurredOn, [...path, 'occurredOn']);
    refer('location', e.location, [...path, 'location']);
    cite(e.citation, [...path, 'citation']);
    const parts = new Set<string>();
    e.participants?.forEach((p, i) => {
      const at = [...path, 'participants', i];
      refer('actor', p.actor, [...at, 'actor']);
      if (parts.has(`${p.actor} ${p.role}`)) problem([...at, 'role'], `actor "${p.actor}" is already a ${p.role} of this event`);
      parts.add(`${p.actor} ${p.role}`);
      cite(p.citation, [...at, 'citation']);
    });
    const links = new Set<string>();
    e.links?.forEach((l, i) => {
      const at = [...path, 'links', i];
      if (l.to === e.key) problem([...at, 'to'], 'an event cannot answer itself');
      else refer('event', l.to, [...at, 'to']);
      if (links.has(`${l.to} ${l.kind}`)) problem([...at, 'kind'], `this event is already linked ${l.kind} "${l.to}"`);
      links.add(`${l.to} ${l.kind}`);
      cite(l.citation, [...at, 'citation']);
    });
    e.casualties?.forEach((c, i) => {
      const at = [...path, 'casualties', i];
      figure(c.figure, [...at, 'figure']);
      refer('country', c.victimCountry, [...at, 'victimCountry']);
      refer('actor', c.affiliation, [...at, 'affiliation']);
      date(c.occurredOn, [...at, 'occurredOn']);
      cite(c.citation, [...at, 'citation']);
    });
    e.deployments?.forEach((d, i) => deployment(d, [...path, 'deployments', i]));
    e.reactions?.forEach((r, i) => {
      const at = [...path, 'reactions', i];
      refer('actor', r.actor, [...at, 'actor']);
      date(r.occurredOn, [...at, 'occurredOn']);
      cite(r.citation, [...at, 'citation']);
    });
    e.quotes?.forEach((q, i) => {
      const at = [...path, 'quotes', i];
      refer('actor', q.speaker, [...at, 'speaker']);
      refer('reaction', q.reaction, [...at, 'reaction']);
      date(q.occurredOn, [...at, 'occurredOn']);
      cite(q.citation, [...at, 'citation']);
    });
  }
}

/** Records what an accepted line defines, for the lines after it. */
export function acceptLine(record: RecordLine, analysis: LineAnalysis, line: number, keys: FileKeys): void {
  keys.define(analysis.defines, line);
  for (const key of analysis.supersedes) keys.superseded.set(key, line);
  if (record.kind === 'source') {
    keys.fullTexts.set(record.value.key, record.value.fullText ? normalisePassage(record.value.fullText) : null);
  }
  if (record.kind === 'actor') keys.parents.set(record.value.key, record.value.parent ?? null);
}
