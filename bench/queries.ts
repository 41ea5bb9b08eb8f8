/**
 * The benchmark queries: what each peer is sent, and how each answer is brought to one
 * canonical shape so the peers can be checked for returning the same data before timing.
 */
import { fromGlobalId, toGlobalId } from '../src/graphql/common/global-id.js';

export type PeerName = 'newsgraph' | 'postgraphile' | 'floor' | 'apollo' | 'newsgraphExpress';
/** The peers compared on the shared queries. */
export const peerNames: PeerName[] = ['newsgraph', 'postgraphile', 'floor'];
/**
 * Every peer started: the three above; bare Apollo, which serves the stack reference (the empty
 * request) and the floor's SQL through the stack; and newsgraph on its former HTTP layer
 * (express 5), for the HTTP layer's A/B. The last two are reported on their own.
 */
export const allPeerNames: PeerName[] = [...peerNames, 'apollo', 'newsgraphExpress'];

/** Values picked from the data set before the run (see bench/run.ts pickParameters). */
export interface QueryParameters {
  pageSize: number;
  nodeEventId: number;
  reactionsEventId: number;
  deepPage: {
    kind: string;
    page: number;
    /** Cursors of the row just before the page, as each peer encodes them. */
    newsgraphAfter: string;
    postgraphileAfter: string;
    floorAfter: { date: string; id: number };
  };
  statsCountry: string;
  statsEventId: number;
  /** An actor quoted about 20 times (the to-many relation under a lookup). */
  quotedActorId: number;
  /** The country with the most actors (the filtered list). */
  actorsCountry: string;
}

/** A GraphQL request body (newsgraph, PostGraphile) or a floor request body. */
export type RequestBody = { query: string; variables: Record<string, unknown> };

export interface BenchQuery {
  name: string;
  description: string;
  requests: Partial<Record<PeerName, (p: QueryParameters) => RequestBody>>;
  /** Nested lists the query reads (the events page counts as one); the statement target is one per list level, at least one. */
  listLevels: number;
  /** Canonical form of each compared peer's `data`; absent for queries not compared with the floor. */
  canonical?: Record<'newsgraph' | 'postgraphile' | 'floor', (data: any) => unknown> &
    Partial<Record<'apollo' | 'newsgraphExpress', (data: any) => unknown>>;
  /** A reference measurement of the servers' own cost (no data read), reported on its own. */
  stackReference?: true;
  /** One of the shapes beyond the events-centred four (target: ≥ 1.0× PostGraphile), reported on its own. */
  breadth?: true;
}

const rowId = (globalId: string) => fromGlobalId(globalId).rowId;
const byId = <T extends { id: number }>(items: T[]) => [...items].sort((a, b) => a.id - b.id);
const distinctById = <T extends { id: number }>(items: T[]) => byId([...new Map(items.map((item) => [item.id, item])).values()]);

/** Groups are compared as a set ordered by size then code (the peers' name collations differ). */
function canonicalGroups(groups: { country: { code: string; name: string }; actorCount: number; reactions: { id: number }[] }[]) {
  return groups
    .map((group) => ({ ...group, reactions: byId(group.reactions) }))
    .sort((a, b) => b.reactions.length - a.reactions.length || (a.country.code < b.country.code ? -1 : 1));
}

const emptyRequest = (): RequestBody => ({ query: '{ __typename }', variables: {} });

export const benchQueries: BenchQuery[] = [
  {
    name: 'emptyRequest',
    listLevels: 0,
    stackReference: true,
    description: 'the empty request `{ __typename }`: HTTP and GraphQL handling alone, no data read',
    requests: { newsgraph: emptyRequest, postgraphile: emptyRequest, apollo: emptyRequest },
  },
  {
    name: 'nestedList',
    listLevels: 3,
    description: '20 events (oldest first) → their actors, and their quotes → speaker',
    requests: {
      newsgraph: (p) => ({
        query: `query NestedList($first: Int!) { events(first: $first) { nodes {
          id title occurredOn { date } actors { id name } quotes { id text speaker { id name } } } } }`,
        variables: { first: p.pageSize },
      }),
      postgraphile: (p) => ({
        query: `query NestedList($first: Int!) { allEvents(first: $first, orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC]) { nodes {
          rowId title occurredOn
          eventActorsByEventId(orderBy: [ACTOR_ID_ASC]) { nodes { actorByActorId { rowId name } } }
          quotesByEventId(orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC]) { nodes { rowId text actorBySpeakerActorId { rowId name } } } } } }`,
        variables: { first: p.pageSize },
      }),
      floor: (p) => ({ query: 'nestedList', variables: { first: p.pageSize } }),
    },
    canonical: {
      newsgraph: (data) =>
        data.events.nodes.map((e: any) => ({
          id: rowId(e.id),
          title: e.title,
          occurredOn: e.occurredOn.date,
          actors: distinctById(e.actors.map((a: any) => ({ id: rowId(a.id), name: a.name }))),
          quotes: e.quotes.map((q: any) => ({ id: rowId(q.id), text: q.text, speaker: { id: rowId(q.speaker.id), name: q.speaker.name } })),
        })),
      postgraphile: (data) =>
        data.allEvents.nodes.map((e: any) => ({
          id: e.rowId,
          title: e.title,
          occurredOn: e.occurredOn,
          actors: distinctById(e.eventActorsByEventId.nodes.map((n: any) => ({ id: n.actorByActorId.rowId, name: n.actorByActorId.name }))),
          quotes: e.quotesByEventId.nodes.map((q: any) => ({
            id: q.rowId,
            text: q.text,
            speaker: { id: q.actorBySpeakerActorId.rowId, name: q.actorBySpeakerActorId.name },
          })),
        })),
      floor: (data) => data.map((e: any) => ({ ...e, actors: distinctById(e.actors) })),
    },
  },
  {
    name: 'nodeLookup',
    listLevels: 0,
    description: 'one event by ID, with its location and country',
    requests: {
      newsgraph: (p) => ({
        query: `query NodeLookup($id: ID!) { event(id: $id) { id title summary kind occurredOn { date precision } location { name country { code name } } } }`,
        variables: { id: toGlobalId('Event', p.nodeEventId) },
      }),
      postgraphile: (p) => ({
        query: `query NodeLookup($id: Int!) { eventByRowId(rowId: $id) { rowId title summary kind occurredOn occurredPrecision
          locationByLocationId { name countryByCountryCode { code name } } } }`,
        variables: { id: p.nodeEventId },
      }),
      floor: (p) => ({ query: 'nodeLookup', variables: { id: p.nodeEventId } }),
    },
    canonical: {
      newsgraph: ({ event: e }) => ({
        id: rowId(e.id),
        title: e.title,
        summary: e.summary,
        kind: e.kind,
        occurredOn: e.occurredOn.date,
        precision: e.occurredOn.precision,
        location: e.location && { name: e.location.name, country: e.location.country },
      }),
      postgraphile: ({ eventByRowId: e }) => ({
        id: e.rowId,
        title: e.title,
        summary: e.summary,
        kind: e.kind,
        occurredOn: e.occurredOn,
        precision: e.occurredPrecision,
        location: e.locationByLocationId && { name: e.locationByLocationId.name, country: e.locationByLocationId.countryByCountryCode },
      }),
      floor: (data) => data,
    },
  },
  {
    name: 'reactionsByCountry',
    listLevels: 1,
    description: "one event's reactions grouped by the reacting actor's country (PostGraphile: flat list, grouped by the checker)",
    requests: {
      newsgraph: (p) => ({
        query: `query ReactionsByCountry($id: ID!) { event(id: $id) { reactionsByCountry {
          country { code name } actorCount reactions { id stance summary actor { id name } } } } }`,
        variables: { id: toGlobalId('Event', p.reactionsEventId) },
      }),
      postgraphile: (p) => ({
        query: `query ReactionsByCountry($id: Int!) { eventByRowId(rowId: $id) { reactionsByEventId(orderBy: [ROW_ID_ASC]) { nodes {
          rowId stance summary actorByActorId { rowId name countryByCountryCode { code name } } } } } }`,
        variables: { id: p.reactionsEventId },
      }),
      floor: (p) => ({ query: 'reactionsByCountry', variables: { id: p.reactionsEventId } }),
    },
    canonical: {
      newsgraph: ({ event }) =>
        canonicalGroups(
          event.reactionsByCountry.map((g: any) => ({
            country: g.country,
            actorCount: g.actorCount,
            reactions: g.reactions.map((r: any) => ({
              id: rowId(r.id),
              stance: r.stance,
              summary: r.summary,
              actor: { id: rowId(r.actor.id), name: r.actor.name },
            })),
          })),
        ),
      postgraphile: ({ eventByRowId }) => {
        const groups = new Map<string, { country: { code: string; name: string }; actors: Set<number>; reactions: { id: number }[] }>();
        for (const r of eventByRowId.reactionsByEventId.nodes) {
          const country = r.actorByActorId.countryByCountryCode;
          if (!country) continue;
          const group = groups.get(country.code) ?? { country, actors: new Set<number>(), reactions: [] as { id: number }[] };
          group.actors.add(r.actorByActorId.rowId);
          const reaction = {
            id: r.rowId as number,
            stance: r.stance,
            summary: r.summary,
            actor: { id: r.actorByActorId.rowId, name: r.actorByActorId.name },
          };
          group.reactions.push(reaction);
          groups.set(country.code, group);
        }
        return canonicalGroups(
          [...groups.values()].map((g) => ({ country: g.country, actorCount: g.actors.size, reactions: g.reactions })),
        );
      },
      floor: (data) => canonicalGroups(data),
    },
  },
  {
    name: 'deepPage',
    listLevels: 1,
    description: 'events of one kind, 20 per page, the page after a cursor deep in the connection (~page 50)',
    requests: {
      newsgraph: (p) => ({
        query: `query DeepPage($first: Int!, $after: String!, $kind: EventKind!) { events(first: $first, after: $after, filter: { kinds: [$kind] }) {
          edges { cursor node { id title occurredOn { date } } } pageInfo { hasNextPage endCursor } } }`,
        variables: { first: p.pageSize, after: p.deepPage.newsgraphAfter, kind: p.deepPage.kind },
      }),
      postgraphile: (p) => ({
        query: `query DeepPage($first: Int!, $after: Cursor!, $kind: EventKind!) {
          allEvents(first: $first, after: $after, condition: { kind: $kind }, orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC]) {
          edges { cursor node { rowId title occurredOn } } pageInfo { hasNextPage endCursor } } }`,
        variables: { first: p.pageSize, after: p.deepPage.postgraphileAfter, kind: p.deepPage.kind },
      }),
      floor: (p) => ({
        query: 'deepPage',
        variables: { first: p.pageSize, kind: p.deepPage.kind, afterDate: p.deepPage.floorAfter.date, afterId: p.deepPage.floorAfter.id },
      }),
    },
    canonical: {
      newsgraph: ({ events }) => ({
        hasNextPage: events.pageInfo.hasNextPage,
        events: events.edges.map(({ node }: any) => ({ id: rowId(node.id), title: node.title, occurredOn: node.occurredOn.date })),
      }),
      postgraphile: ({ allEvents }) => ({
        hasNextPage: allEvents.pageInfo.hasNextPage,
        events: allEvents.edges.map(({ node }: any) => ({ id: node.rowId, title: node.title, occurredOn: node.occurredOn })),
      }),
      floor: (data) => data,
    },
  },
  {
    name: 'actorsWithCountry',
    listLevels: 1,
    breadth: true,
    description: 'the first 20 actors by name, each with its country (a root connection with a to-one relation)',
    requests: {
      newsgraph: (p) => ({
        query: `query ActorsWithCountry($first: Int!) { actors(first: $first) { nodes { id name kind country { code name } } } }`,
        variables: { first: p.pageSize },
      }),
      postgraphile: (p) => ({
        query: `query ActorsWithCountry($first: Int!) { allActors(first: $first, orderBy: [NAME_ASC, ROW_ID_ASC]) { nodes {
          rowId name kind countryByCountryCode { code name } } } }`,
        variables: { first: p.pageSize },
      }),
      floor: (p) => ({ query: 'actorsWithCountry', variables: { first: p.pageSize } }),
    },
    canonical: {
      newsgraph: (data) => data.actors.nodes.map((a: any) => ({ id: rowId(a.id), name: a.name, kind: a.kind, country: a.country })),
      postgraphile: (data) =>
        data.allActors.nodes.map((a: any) => ({ id: a.rowId, name: a.name, kind: a.kind, country: a.countryByCountryCode })),
      floor: (data) => data,
    },
  },
  {
    name: 'quotesWithSpeakerAndEvent',
    listLevels: 1,
    breadth: true,
    description: 'the 20 oldest quotes, each with its speaker and its event (a root connection with two to-one relations)',
    requests: {
      newsgraph: (p) => ({
        query: `query QuotesWithSpeakerAndEvent($first: Int!) { quotes(first: $first) { nodes {
          id text saidOn { date } speaker { id name } event { id title } } } }`,
        variables: { first: p.pageSize },
      }),
      postgraphile: (p) => ({
        query: `query QuotesWithSpeakerAndEvent($first: Int!) { allQuotes(first: $first, orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC]) { nodes {
          rowId text occurredOn actorBySpeakerActorId { rowId name } eventByEventId { rowId title } } } }`,
        variables: { first: p.pageSize },
      }),
      floor: (p) => ({ query: 'quotesWithSpeakerAndEvent', variables: { first: p.pageSize } }),
    },
    canonical: {
      newsgraph: (data) =>
        data.quotes.nodes.map((q: any) => ({
          id: rowId(q.id),
          text: q.text,
          saidOn: q.saidOn.date,
          speaker: { id: rowId(q.speaker.id), name: q.speaker.name },
          event: q.event && { id: rowId(q.event.id), title: q.event.title },
        })),
      postgraphile: (data) =>
        data.allQuotes.nodes.map((q: any) => ({
          id: q.rowId,
          text: q.text,
          saidOn: q.occurredOn,
          speaker: { id: q.actorBySpeakerActorId.rowId, name: q.actorBySpeakerActorId.name },
          event: q.eventByEventId && { id: q.eventByEventId.rowId, title: q.eventByEventId.title },
        })),
      floor: (data) => data,
    },
  },
  {
    name: 'actorQuotes',
    listLevels: 1,
    breadth: true,
    description: 'one actor by ID with everything it is quoted saying (a to-many relation under a lookup, ~20 quotes)',
    requests: {
      newsgraph: (p) => ({
        query: `query ActorQuotes($id: ID!) { actor(id: $id) { id name quotes { id text saidOn { date } } } }`,
        variables: { id: toGlobalId('Actor', p.quotedActorId) },
      }),
      postgraphile: (p) => ({
        query: `query ActorQuotes($id: Int!) { actorByRowId(rowId: $id) { rowId name
          quotesBySpeakerActorId(orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC]) { nodes { rowId text occurredOn } } } }`,
        variables: { id: p.quotedActorId },
      }),
      floor: (p) => ({ query: 'actorQuotes', variables: { id: p.quotedActorId } }),
    },
    canonical: {
      newsgraph: ({ actor }) => ({
        id: rowId(actor.id),
        name: actor.name,
        quotes: actor.quotes.map((q: any) => ({ id: rowId(q.id), text: q.text, saidOn: q.saidOn.date })),
      }),
      postgraphile: ({ actorByRowId: a }) => ({
        id: a.rowId,
        name: a.name,
        quotes: a.quotesBySpeakerActorId.nodes.map((q: any) => ({ id: q.rowId, text: q.text, saidOn: q.occurredOn })),
      }),
      floor: (data) => data,
    },
  },
  {
    name: 'actorsOfCountry',
    listLevels: 1,
    breadth: true,
    description: 'a filtered list: the first 20 actors (by name) of the country with the most actors',
    requests: {
      newsgraph: (p) => ({
        query: `query ActorsOfCountry($first: Int!, $country: CountryCode!) { actors(first: $first, filter: { country: $country }) {
          nodes { id name kind title } } }`,
        variables: { first: p.pageSize, country: p.actorsCountry },
      }),
      postgraphile: (p) => ({
        query: `query ActorsOfCountry($first: Int!, $country: String!) { allActors(first: $first, condition: { countryCode: $country },
          orderBy: [NAME_ASC, ROW_ID_ASC]) { nodes { rowId name kind title } } }`,
        variables: { first: p.pageSize, country: p.actorsCountry },
      }),
      floor: (p) => ({ query: 'actorsOfCountry', variables: { first: p.pageSize, country: p.actorsCountry } }),
    },
    canonical: {
      newsgraph: (data) => data.actors.nodes.map((a: any) => ({ id: rowId(a.id), name: a.name, kind: a.kind, title: a.title })),
      postgraphile: (data) => data.allActors.nodes.map((a: any) => ({ id: a.rowId, name: a.name, kind: a.kind, title: a.title })),
      floor: (data) => data,
    },
  },
  {
    name: 'statsCountryKind',
    listLevels: 1,
    description: 'newsgraph only: casualtyStats(groupBy: [COUNTRY, KIND]) over every casualty record, top 20 groups',
    requests: {
      newsgraph: () => ({
        query: `query StatsCountryKind { casualtyStats(groupBy: [COUNTRY, KIND]) { total { low best high records unknownCount }
          groups(first: 20) { nodes { key { country { code name } kind } total { low best high records unknownCount } } } } }`,
        variables: {},
      }),
    },
  },
  {
    name: 'statsOneCountry',
    listLevels: 1,
    description: 'newsgraph only: casualtyStats filtered to one (busy) victim country, grouped by KIND',
    requests: {
      newsgraph: (p) => ({
        query: `query StatsOneCountry($country: CountryCode!) { casualtyStats(filter: { country: $country }, groupBy: [KIND]) {
          total { low best high records unknownCount } groups(first: 20) { nodes { key { kind } total { low best high records } } } } }`,
        variables: { country: p.statsCountry },
      }),
    },
  },
  {
    name: 'statsOneEvent',
    listLevels: 1,
    description: 'newsgraph only: casualtyStats filtered to one (busy) event, grouped by KIND',
    requests: {
      newsgraph: (p) => ({
        query: `query StatsOneEvent($event: ID!) { casualtyStats(filter: { event: $event }, groupBy: [KIND]) {
          total { low best high records unknownCount } groups(first: 20) { nodes { key { kind } total { low best high records } } } } }`,
        variables: { event: toGlobalId('Event', p.statsEventId) },
      }),
    },
  },
];

/** The floor's statement through bare Apollo (bench/apollo-bare-server.ts). */
const FLOOR_THROUGH_APOLLO = 'query Floor($name: String!, $variables: JSON) { floor(query: $name, variables: $variables) }';

// newsgraph on express answers exactly what newsgraph answers, for the empty request and the four.
for (const query of benchQueries) {
  const newsgraph = query.requests.newsgraph;
  if (!newsgraph || !(query.stackReference || (query.canonical && !query.breadth))) continue;
  query.requests.newsgraphExpress = newsgraph;
  if (query.canonical) query.canonical.newsgraphExpress = query.canonical.newsgraph;
}

// Every one of the four the floor answers is also sent to bare Apollo, which answers with the floor's SQL.
for (const query of benchQueries) {
  const floor = query.requests.floor;
  if (!floor || !query.canonical || query.breadth) continue;
  const canonical = query.canonical;
  query.requests.apollo = (p) => {
    const body = floor(p);
    return { query: FLOOR_THROUGH_APOLLO, variables: { name: body.query, variables: body.variables } };
  };
  canonical.apollo = (data) => canonical.floor(data.floor);
}
