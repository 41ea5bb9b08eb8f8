import { Role, type Viewer } from '../../src/auth/roles.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { actors, eventActors, events, quotes } from '../../src/db/schema/index.js';
import { buildAppSchema, getSchema } from '../../src/graphql/schema.js';
import { Field, FieldResolver, ObjectType, Query, Resolver } from 'type-graphql';
import { checkFieldDeclarations, projectionOf, Reads } from '../../src/graphql/common/projection.js';
import { eventPrefetch } from '../../src/graphql/modules/event/event.prefetch.js';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';
import { testDriver } from '../helpers/database.js';

let schema: GraphQLSchema;
function projectionFor(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  return projectionOf(schema, operation, fragments);
}

/** A selection of `field` on `type` that validates: composite fields get `{ __typename }`. */
function select(type: GraphQLObjectType, field: string): string {
  return isCompositeType(getNamedType(type.getFields()[field]!.type)) ? `${field} { __typename }` : field;
}

const eventsPage = (inner: string) => `events(first: 100) { nodes { ${inner} } }`;
const page = (root: string) => (inner: string) => `${root}(first: 100) { nodes { ${inner} } }`;
const underEvents = (...wrappers: ((inner: string) => string)[]) => wrappers.map((wrap) => (inner: string) => eventsPage(wrap(inner)));

/** Where each type is reached from the root, as a wrapper around a selection on it. */
const paths: Record<string, ((inner: string) => string)[]> = {
  Event: [
    page('events'),
    ...underEvents(
      (inner) => `casualties { event { ${inner} } }`,
      (inner) => `causes { event { ${inner} } }`,
    ),
  ],
  EventParticipant: underEvents((inner) => `participants { ${inner} }`),
  EventLink: underEvents(
    (inner) => `causes { ${inner} }`,
    (inner) => `consequences { ${inner} }`,
  ),
  Actor: [
    page('actors'),
    ...underEvents(
      (inner) => `actors { ${inner} }`,
      (inner) => `participants { actor { ${inner} } }`,
      (inner) => `quotes { speaker { ${inner} } }`,
      (inner) => `casualties { affiliation { ${inner} } }`,
      (inner) => `deployments { orderedBy { ${inner} } }`,
    ),
  ],
  Quote: [page('quotes'), ...underEvents((inner) => `quotes { ${inner} }`)],
  FuzzyDate: underEvents(
    (inner) => `occurredOn { ${inner} }`,
    (inner) => `quotes { saidOn { ${inner} } }`,
    (inner) => `reactions { occurredOn { ${inner} } }`,
    (inner) => `casualties { occurredOn { ${inner} } }`,
    (inner) => `deployments { occurredOn { ${inner} } }`,
  ),
  Reaction: [
    page('reactions'),
    ...underEvents(
      (inner) => `reactions { ${inner} }`,
      (inner) => `reactionsByCountry { reactions { ${inner} } }`,
    ),
  ],
  CountryReactions: underEvents((inner) => `reactionsByCountry { ${inner} }`),
  Location: underEvents(
    (inner) => `location { ${inner} }`,
    (inner) => `deployments { destination { ${inner} } }`,
  ),
  Country: [
    (inner) => `countries { ${inner} }`,
    ...underEvents(
      (inner) => `location { country { ${inner} } }`,
      (inner) => `reactionsByCountry { country { ${inner} } }`,
      (inner) => `casualties { victimCountry { ${inner} } }`,
      (inner) => `deployments { forceCountry { ${inner} } }`,
    ),
  ],
  Casualty: [page('casualties'), ...underEvents((inner) => `casualties { ${inner} }`)],
  Deployment: [
    (inner) => `deployments(first: 100, filter: { includeSuperseded: true }) { nodes { ${inner} } }`,
    ...underEvents(
      (inner) => `deployments { ${inner} }`,
      (inner) => `deployments { supersedes { ${inner} } }`,
    ),
  ],
  Figure: underEvents(
    (inner) => `casualties { figure { ${inner} } }`,
    (inner) => `deployments { figure { ${inner} } }`,
  ),
  CasualtyTotals: underEvents(
    (inner) => `casualtyTotals { ${inner} }`,
    (inner) => `location { country { casualtyTotals { ${inner} } } }`,
  ),
  FigureTotal: [
    ...underEvents((inner) => `casualtyTotals { killed { ${inner} } }`),
    (inner) => `casualtyStats(groupBy: [COUNTRY]) { total { ${inner} } }`,
  ],
  CasualtyStats: [(inner) => `casualtyStats(groupBy: [COUNTRY, KIND]) { ${inner} }`],
  CasualtyGroupKey: ['COUNTRY, EVENT, ACTOR', 'DAY, KIND, QUALIFIER', 'MONTH'].map(
    (by) => (inner: string) => `casualtyStats(groupBy: [${by}]) { groups(first: 100) { nodes { key { ${inner} } } } }`,
  ),
  TroopGroupKey: ['FORCE_COUNTRY, DESTINATION, EVENT', 'STATUS, DAY, DESTINATION_COUNTRY'].map(
    (by) => (inner: string) => `troopStats(groupBy: [${by}]) { groups(first: 100) { nodes { key { ${inner} } } } }`,
  ),
  Citation: underEvents(
    (inner) => `citation { ${inner} }`,
    (inner) => `participants { citation { ${inner} } }`,
    (inner) => `quotes { citation { ${inner} } }`,
    (inner) => `reactions { citation { ${inner} } }`,
    (inner) => `casualties { citation { ${inner} } }`,
    (inner) => `deployments { citation { ${inner} } }`,
  ),
  Source: [
    (inner) => `sources { ${inner} }`,
    ...underEvents(
      (inner) => `sources { ${inner} }`,
      (inner) => `quotes { source { ${inner} } }`,
      (inner) => `casualties { citation { source { ${inner} } } }`,
    ),
  ],
};

/** A root field that declares nothing (introspection): an operation that has it reads whole rows. */
const WHOLE_ROWS = '__schema { queryType { name } }';

describe(`column projection on ${testDriver}`, () => {
  let t: TestServer;
  beforeAll(async () => {
    schema = await getSchema();
    t = await startTestServer({ maxQueryCost: 1_000_000 });
  });
  afterAll(() => t?.close());

  it('reads only the columns the whole operation uses', () => {
    const projection = projectionFor(`query Nested($first: Int) { events(first: $first) { pageInfo { endCursor } nodes {
      id title occurredOn { date } actors { id name } quotes { id text speaker { id name } } } } }`);
    expect(projection).not.toBeNull();
    expect(projection!.columns(events)).toEqual(['id', 'title', 'occurredOn', 'occurredPrecision', 'occurredEnd']);
    expect(projection!.columns(actors)).toEqual(['id', 'name']);
    expect(projection!.columns(quotes)).toEqual(['id', 'text', 'speakerActorId']);
    expect(projection!.columns(eventActors)).toEqual(['eventId', 'actorId', 'role']);
    // Columns of the same table used anywhere in the operation, through fragments too.
    const wider = projectionFor(`{ events { nodes { actors { name } ...More } } }
      fragment More on Event { quotes { speaker { ... on Actor { description } } } }`);
    expect(wider!.columns(actors)).toEqual(['id', 'name', 'description']);
    // Aliased and conditionally skipped fields count: the plan is made before variables are known.
    const conditional = projectionFor(`query ($skip: Boolean!) { events { nodes { headline: title kind @skip(if: $skip) } } }`);
    expect(conditional!.columns(events)).toEqual(['id', 'title', 'kind']);
  });

  it('reads whole rows when any field declares nothing', () => {
    // Introspection fields declare nothing.
    expect(projectionFor(`{ events { nodes { title } } ${WHOLE_ROWS} }`)).toBeNull();
    expect(projectionFor('{ events { nodes { title } } __type(name: "Event") { name } }')).toBeNull();
    // Nor does a field whose schema carries no declaration (one built without type-graphql).
    const bare = buildSchema('type Query { events: Int }');
    expect(projectionOf(bare, parse('{ events }').definitions[0] as OperationDefinitionNode, {})).toBeNull();
  });

  it('has a declaration for every field of every object and interface type', () => {
    expect(() => checkFieldDeclarations(schema)).not.toThrow();
    const undeclared = Object.values(schema.getTypeMap())
      .filter((type) => !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type)))
      .flatMap((type) =>
        Object.values((type as GraphQLObjectType).getFields()).filter((field) => !field.extensions.reads && !type.extensions.reads),
      );
    expect(undeclared).toEqual([]);
  });

  it('refuses to build a schema with a field that declares nothing', async () => {
    @ObjectType({ description: 'A type whose second field forgot its declaration.' })
    class Probe {
      @Field(() => String, { description: 'Declared.' })
      @Reads(events, 'title')
      declared!: string;

      @Field(() => String, { description: 'Not declared.' })
      forgotten!: string;
    }
    @Resolver(() => Probe)
    class ProbeResolver {
      @Query(() => Probe, { description: 'The probe.' })
      @Reads()
      probe(): Probe {
        return { declared: 'a', forgotten: 'b' };
      }

      @FieldResolver(() => String, { description: 'A resolver without a declaration.' })
      resolved(): string {
        return 'c';
      }
    }
    await expect(buildAppSchema([ProbeResolver])).rejects.toThrow(
      'Fields without a data declaration (@Reads on the field or @ReadsNoRows on the type): Probe.forgotten, Probe.resolved',
    );
  });

  const admin: Viewer = { kind: 'user', subject: 'projection-test', roles: new Set([Role.ADMIN]) };

  // One operation per declared field and path: slow on a busy machine, so it has more than the default 30 s.
  it('answers every declared field as with whole rows', async () => {
    let checked = 0;
    const withValues = new Set<string>();
    for (const [typeName, wrappers] of Object.entries(paths)) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      expect(isObjectType(type)).toBe(true);
      for (const field of Object.keys(type.getFields())) {
        for (const wrap of wrappers) {
          // Aliased, so the check below cannot match a field of the path with the same name.
          const projected = `{ ${wrap(`probe: ${select(type, field)}`)} }`;
          const whole = `{ ${wrap(`probe: ${select(type, field)}`)} ${WHOLE_ROWS} }`;
          expect(projectionFor(projected), projected).not.toBeNull();
          expect(projectionFor(whole)).toBeNull();
          // As an admin, so fields for editors (history, who revised) are compared too.
          const withProjection = dataOf(await t.query(projected, {}, admin));
          const { __schema: _schema, ...withWholeRows } = dataOf(await t.query(whole, {}, admin));
          if (/"probe":(?!null|\[\])/.test(JSON.stringify(withProjection))) withValues.add(`${typeName}.${field}`);
          expect(withProjection, projected).toEqual(withWholeRows);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    // Each field is compared on at least one path where the seed data gives it a value, not only
    // nulls and empty lists; the article names no URL or date for its sources, retracts nothing, cites no actor, and has none of
    // the fields only imported datasets fill (UCDP GED: tests/import/ged-import.test.ts checks those).
    const neverValued = Object.keys(paths)
      .flatMap((typeName) =>
        Object.keys((schema.getType(typeName) as GraphQLObjectType).getFields()).map((field) => `${typeName}.${field}`),
      )
      .filter((f) => !withValues.has(f));
    expect(neverValued).toEqual([
      'Event.externalId',
      'Event.conflictName',
      'Event.dyadName',
      'Event.retracted',
      'Actor.citation',
      'Location.precision',
      'Location.adm1',
      'Location.adm2',
      'Casualty.breakdown',
      'Casualty.reportedLow',
      'Casualty.reportedHigh',
      'Casualty.retracted',
      'Deployment.retracted',
      'CasualtyGroupKey.year',
      'CasualtyGroupKey.eventKind',
      'CasualtyGroupKey.dataset',
      'TroopGroupKey.dataset',
      'Source.url',
      'Source.publishedOn',
      'Source.updatedOn',
    ]);
  }, 120_000);

  it('answers operations whose root fields share rows as with whole rows', async () => {
    const { events: page } = dataOf(await t.query('{ events(first: 12) { nodes { id actors { id } } } }'));
    const eventId = page.nodes[3].id;
    const actorId = page.nodes.flatMap((e: any) => e.actors)[0].id;
    const operations = [
      `{ event(id: "${eventId}") { title quotes { text speaker { name aliases } } location { name country { code name } } } }`,
      `{ node(id: "${eventId}") { id ... on Event { summary reactionsByCountry { country { name } actorCount reactions { stance actor { name kind } } } } } }`,
      `{ events(first: 6, orderBy: { field: TITLE, direction: DESC }) { edges { cursor node { title kind } } pageInfo { endCursor hasNextPage } }
         node(id: "${actorId}") { ... on Actor { description title } } }`,
      `{ events(first: 12) { nodes { actors { name } } } event(id: "${eventId}") { isTimelineEntry occurredOn { date end }
         reactions { summary actor { title } } participants { role actor { aliases } } } }`,
      `{ a: events(first: 4) { nodes { title } } b: events(first: 12) { nodes { summary quotes { medium saidOn { precision } } } } }`,
      // Root pages of other types, and relations that load events and actors the event page has
      // primed with projected rows (it fetches participants, or casualties, ahead).
      `{ events(first: 12) { nodes { title participants { role actor { name } } } } actors(first: 50) { nodes { name
         events { summary occurredOn { date } } country { name casualtyTotals { killed { best } } } parent { name } members { name } } } }`,
      `{ casualties(first: 30) { nodes { figure { best } event { title causes { kind event { title } } } } }
         reactions(first: 10) { nodes { stance actor { name quotes { text } } } } events(first: 12) { nodes { kind casualties { kind } } } }`,
    ];
    for (const operation of operations) {
      expect(projectionFor(operation), operation).not.toBeNull();
      // An extra root field that declares nothing turns the projection off for the whole operation.
      const whole = operation.replace(/\}\s*$/, ` ${WHOLE_ROWS} }`);
      expect(projectionFor(whole)).toBeNull();
      const withProjection = dataOf(await t.query(operation));
      const { __schema: _schema, ...withWholeRows } = dataOf(await t.query(whole));
      expect(withProjection, operation).toEqual(withWholeRows);
    }
  });

  it('reads only the used columns in the root pages of every connection', async () => {
    const session = t.database.handle.db._.session;
    const sent: string[] = [];
    const prepare = session.prepareQuery.bind(session);
    const spy = vi.spyOn(session, 'prepareQuery').mockImplementation((query, ...rest) => {
      sent.push(query.sql);
      return prepare(query, ...rest);
    });
    try {
      // Root field, a field to select, a column it reads, a column nothing in the operation reads.
      const cases = [
        ['actors', 'description', 'description', 'aliases'],
        ['casualties', 'victims', 'victim_description', 'affiliated_actor_id'],
        ['deployments', 'status', 'status', 'ordered_by_actor_id'],
        ['quotes', 'text', 'text', 'reaction_id'],
        ['reactions', 'stance', 'stance', 'summary'],
      ];
      for (const [root, field, read, unread] of cases) {
        for (const wholeRows of [false, true]) {
          sent.length = 0;
          const data = dataOf(await t.query(`{ ${root}(first: 3) { nodes { ${field} } } ${wholeRows ? WHOLE_ROWS : ''} }`));
          expect(data[root!].nodes).toHaveLength(3);
          const page = sent.find((text) => text.includes(`from "${root}"`));
          expect(page, root).toBeDefined();
          expect(page).toContain(`"${root}"."${read}"`);
          expect(page!.includes(`"${root}"."${unread}"`), `${root} reads ${unread}`).toBe(wholeRows);
        }
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('shares a fetch-ahead plan between operations that differ only in other tables, and caps the plans', () => {
    const a = projectionFor('{ events { nodes { title quotes { text } } } }');
    const b = projectionFor('{ events { nodes { summary quotes { text } } } }');
    expect(a!.columns(events)).not.toEqual(b!.columns(events));
    expect(eventPrefetch(['quotes'], a)).toBe(eventPrefetch(['quotes'], b));
    // Every subset of the speaker's and the quote's fields is another column set: past the cap,
    // a new one reads whole rows instead of adding a plan (and a prepared statement).
    const actorFields = ['name', 'aliases', 'kind', 'title', 'description'];
    const quoteFields = ['text', 'medium', 'saidOn { date }'];
    const reactionFields = ['stance', 'summary'];
    const keys: string[] = [];
    for (let mask = 0; mask < 1 << 10; mask++) {
      const pick = (fields: string[], offset: number) => fields.filter((_, i) => mask & (1 << (i + offset))).join(' ');
      const query = `{ events { nodes { quotes { id ${pick(quoteFields, 5)} speaker { id ${pick(actorFields, 0)} } }
        reactions { id ${pick(reactionFields, 8)} } } } }`;
      keys.push(eventPrefetch(['quotes', 'reactions'], projectionFor(query)).key);
    }
    expect(new Set(keys).size).toBeLessThanOrEqual(257);
    expect(keys.at(-1)).toBe('quotes+reactions|*');
  });

  it('answers the nested list with fewer columns in one statement, and a second page from its cursor', async () => {
    const query = `query ($after: String) { events(first: 5, after: $after) { pageInfo { endCursor hasNextPage }
      nodes { id title occurredOn { date precision end } actors { id name } quotes { id text saidOn { date } speaker { name aliases } } } } }`;
    const before = t.statements();
    const first = dataOf(await t.query(query)).events;
    expect(t.statements() - before).toBe(1);
    const second = dataOf(await t.query(query, { after: first.pageInfo.endCursor })).events;
    const all = dataOf(await t.query(`{ events(first: 10) { nodes { id location { name } } } }`)).events;
    expect([...first.nodes, ...second.nodes].map((e: any) => e.id)).toEqual(all.nodes.map((e: any) => e.id));
    const trump =
      second.nodes.flatMap((e: any) => e.quotes).find((q: any) => q.speaker.name === 'Donald Trump') ??
      first.nodes.flatMap((e: any) => e.quotes).find((q: any) => q.speaker.name === 'Donald Trump');
    expect(trump).toBeDefined();
  });
});
