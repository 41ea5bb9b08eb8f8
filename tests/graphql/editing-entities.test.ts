import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupDrift } from '../helpers/rollup.js';
import { codesOf, startEditingServer, type EditingServer } from '../helpers/editing.js';

/*
 * Events and actors written by editors: eventCreate, eventUpdate, actorCreate, actorUpdate, and
 * actorMerge (ADMIN), with citations, userErrors with paths, revisions and idempotency.
 */
let server: EditingServer;
let post: EditingServer['post'];
let editor: string;
let admin: string;
let sourceId: string;

const fullText =
  'Kataib Hizbollah, also written Kata’ib Hezbollah, said it fired the rockets. Protesters marched in Basra on Friday. ' +
  'The group’s spokesman, Abu Ali, said: "We will answer." Officials later said the march was on Saturday.';
const citation = (passage = 'Protesters marched in Basra on Friday.') => ({ source: sourceId, passage });

beforeAll(async () => {
  server = await startEditingServer({ source: ['Entities test source', fullText] });
  ({
    post,
    sourceId,
    tokens: { editor, admin },
  } = server);
});
afterAll(() => server?.close());

const EVENT_FIELDS = `id revision title summary kind isTimelineEntry occurredOn { date precision end }
  participants { role actor { id name } } citation { passage }`;
const EVENT_CREATE = `mutation ($input: EventCreateInput!, $key: String) {
  eventCreate(input: $input, idempotencyKey: $key) { event { ${EVENT_FIELDS} } userErrors { field code } } }`;
const EVENT_UPDATE = `mutation ($input: EventUpdateInput!) {
  eventUpdate(input: $input) { event { ${EVENT_FIELDS} } userErrors { field code currentRevision } } }`;
const ACTOR_FIELDS = `id revision name aliases kind title description country { code } parent { id } citation { passage }`;
const ACTOR_CREATE = `mutation ($input: ActorCreateInput!) { actorCreate(input: $input) { actor { ${ACTOR_FIELDS} } userErrors { field code } } }`;
const ACTOR_UPDATE = `mutation ($input: ActorUpdateInput!) {
  actorUpdate(input: $input) { actor { ${ACTOR_FIELDS} } userErrors { field code currentRevision } } }`;
const ACTOR_MERGE = `mutation ($input: ActorMergeInput!) {
  actorMerge(input: $input) { actor { ${ACTOR_FIELDS} } userErrors { field code currentRevision } } }`;

async function createActor(name: string, extra: Record<string, unknown> = {}) {
  const answer = await post(ACTOR_CREATE, { input: { name, kind: 'MILITIA', citation: citation(), ...extra } }, editor);
  expect(answer.body.data.actorCreate.userErrors).toEqual([]);
  return answer.body.data.actorCreate.actor as { id: string; revision: number; name: string; aliases: string[] };
}

const protest = (overrides: Record<string, unknown> = {}) => ({
  title: 'Protest march in Basra',
  summary: 'Protesters marched in Basra.',
  kind: 'PROTEST',
  occurredOn: { date: '2020-01-10', precision: 'DAY' },
  citation: citation(),
  ...overrides,
});

describe('eventCreate', () => {
  it('checks the input before writing, with field paths', async () => {
    const actor = await createActor('Basra protest committee');
    const invalid = await post(
      EVENT_CREATE,
      {
        input: protest({
          title: '',
          occurredOn: { date: '2020-01-10', precision: 'MONTH' },
          participants: [
            { actor: actor.id, role: 'PARTICIPANT' },
            { actor: actor.id, role: 'PARTICIPANT' },
          ],
        }),
      },
      editor,
    );
    expect(codesOf(invalid.body.data.eventCreate.userErrors)).toEqual([
      'input.title INVALID',
      'input.occurredOn.date INVALID',
      'input.participants.1 INVALID',
    ]);
    const unknown = await post(
      EVENT_CREATE,
      { input: protest({ participants: [{ actor: sourceId, role: 'PARTICIPANT' }], citation: citation('marched in Mosul') }) },
      editor,
    );
    expect(codesOf(unknown.body.data.eventCreate.userErrors)).toEqual([
      'input.participants.0.actor NOT_FOUND',
      'input.citation.passage PASSAGE_NOT_IN_SOURCE',
    ]);
  });

  it('writes the event with its participants citing its passage, once per idempotency key', async () => {
    const actor = await createActor('Basra students');
    const input = protest({ participants: [{ actor: actor.id, role: 'PARTICIPANT' }], isTimelineEntry: true });
    const first = (await post(EVENT_CREATE, { input, key: 'event-1' }, editor)).body.data.eventCreate;
    expect(first.userErrors).toEqual([]);
    expect(first.event).toMatchObject({
      revision: 1,
      title: 'Protest march in Basra',
      kind: 'PROTEST',
      isTimelineEntry: true,
      occurredOn: { date: '2020-01-10', precision: 'DAY', end: '2020-01-10' },
      participants: [{ role: 'PARTICIPANT', actor: { id: actor.id, name: 'Basra students' } }],
      citation: { passage: 'Protesters marched in Basra on Friday.' },
    });
    expect((await post(EVENT_CREATE, { input, key: 'event-1' }, editor)).body.data.eventCreate).toEqual(first);
    const reused = await post(EVENT_CREATE, { input: protest({ title: 'Another' }), key: 'event-1' }, editor);
    expect(codesOf(reused.body.data.eventCreate.userErrors)).toEqual(['idempotencyKey IDEMPOTENCY_KEY_REUSED']);
    const listed = await post(`{ events(first: 5, filter: { search: "Basra", kinds: [PROTEST] }) { nodes { id } } }`);
    expect(listed.body.data.events.nodes).toEqual([{ id: first.event.id }]);
    const audited = await server.count(sql`SELECT 1 FROM audit_entries WHERE mutation = 'eventCreate' AND editor = 'edna'
      AND entity IN ('events', 'event_actors', 'citations')`);
    expect(audited).toBe(3);
  });
});

describe('an event’s place', () => {
  it('is written with its countries and found by the country filter; bad coordinates and unknown countries are userErrors', async () => {
    const PLACED = `mutation ($input: EventCreateInput!) {
      eventCreate(input: $input) { event { id location { name latitude longitude country { code } countries { code } } } userErrors { field code } } }`;
    const refused = await post(
      PLACED,
      { input: protest({ location: { name: 'Basra', countries: ['IQ', 'SY', 'IQ'], latitude: 30.5 } }) },
      editor,
    );
    expect(codesOf(refused.body.data.eventCreate.userErrors)).toEqual([
      'input.location.longitude INVALID',
      'input.location.countries.2 INVALID',
    ]);
    const unknown = await post(PLACED, { input: protest({ location: { name: 'Basra', countries: ['IQ', 'SY'] } }) }, editor);
    expect(codesOf(unknown.body.data.eventCreate.userErrors)).toEqual(['input.location.countries.1 NOT_FOUND']);
    const outOfRange = await post(PLACED, { input: protest({ location: { name: 'Basra', latitude: 91, longitude: 47.8 } }) }, editor);
    expect(codesOf(outOfRange.body.data.eventCreate.userErrors)).toEqual(['input.location.latitude INVALID']);

    const placed = await post(
      PLACED,
      {
        input: protest({
          title: 'March on the Shatt al-Arab bridge',
          location: { name: 'Shatt al-Arab bridge', countries: ['IQ', 'IR'], latitude: 30.51, longitude: 47.83, precision: 'EXACT' },
        }),
      },
      editor,
    );
    const event = placed.body.data.eventCreate.event;
    // In two countries (listed by name), so in no single one: Location.country is null, as for imported places.
    expect(event.location).toEqual({
      name: 'Shatt al-Arab bridge',
      latitude: 30.51,
      longitude: 47.83,
      country: null,
      countries: [{ code: 'IR' }, { code: 'IQ' }],
    });
    const inIran = await post(`{ events(first: 50, filter: { country: "IR", kinds: [PROTEST] }) { nodes { id } } }`);
    expect(inIran.body.data.events.nodes.map((n: { id: string }) => n.id)).toContain(event.id);

    const moved = await post(
      `mutation ($input: EventUpdateInput!) { eventUpdate(input: $input) { event { revision location { name countries { code } } } userErrors { field code } } }`,
      { input: { event: event.id, expectedRevision: 1, location: { name: 'Basra', countries: ['IQ'] }, citation: citation() } },
      editor,
    );
    expect(moved.body.data.eventUpdate).toEqual({
      event: { revision: 2, location: { name: 'Basra', countries: [{ code: 'IQ' }] } },
      userErrors: [],
    });
    const notInIran = await post(`{ events(first: 50, filter: { country: "IR", kinds: [PROTEST] }) { nodes { id } } }`);
    expect(notInIran.body.data.events.nodes.map((n: { id: string }) => n.id)).not.toContain(event.id);

    const removed = await post(
      `mutation ($input: EventUpdateInput!) { eventUpdate(input: $input) { event { revision location { name } } userErrors { field code } } }`,
      { input: { event: event.id, expectedRevision: 2, location: null, citation: citation() } },
      editor,
    );
    expect(removed.body.data.eventUpdate).toEqual({ event: { revision: 3, location: null }, userErrors: [] });
  });
});

describe('eventUpdate', () => {
  it('changes what it is given against the revision read; the other of two concurrent edits is STALE', async () => {
    const event = (await post(EVENT_CREATE, { input: protest({ title: 'March to be corrected' }) }, editor)).body.data.eventCreate.event;
    const update = (input: Record<string, unknown>) =>
      post(EVENT_UPDATE, { input: { event: event.id, expectedRevision: 1, citation: citation(), ...input } }, editor);
    const [a, b] = await Promise.all([
      update({ title: 'March in Basra (corrected)' }),
      update({ occurredOn: { date: '2020-01-11', precision: 'DAY' } }),
    ]);
    const results = [a, b].map((r) => r.body.data.eventUpdate);
    const winner = results.find((r) => r.event)!;
    expect(winner.event.revision).toBe(2);
    expect(results.find((r) => !r.event)!.userErrors).toEqual([
      { field: ['input', 'expectedRevision'], code: 'STALE', currentRevision: 2 },
    ]);

    const corrected = await post(
      EVENT_UPDATE,
      {
        input: {
          event: event.id,
          expectedRevision: 2,
          occurredOn: { date: '2020-01-10', end: '2020-01-11', precision: 'RANGE' },
          citation: citation('Officials later said the march was on Saturday.'),
        },
      },
      editor,
    );
    expect(corrected.body.data.eventUpdate.event).toMatchObject({
      revision: 3,
      summary: 'Protesters marched in Basra.',
      occurredOn: { date: '2020-01-10', precision: 'RANGE', end: '2020-01-11' },
      citation: { passage: 'Officials later said the march was on Saturday.' },
    });
    const cleared = await post(
      EVENT_UPDATE,
      { input: { event: event.id, expectedRevision: 3, title: null, citation: citation() } },
      editor,
    );
    expect(codesOf(cleared.body.data.eventUpdate.userErrors)).toEqual(['input.title INVALID']);

    const retracted = await post(
      `mutation ($input: RetractInput!) { eventRetract(input: $input) { userErrors { code } } }`,
      { input: { id: event.id, expectedRevision: 3, reason: 'duplicate of another event' } },
      admin,
    );
    expect(retracted.body.data.eventRetract.userErrors).toEqual([]);
    expect(codesOf((await update({ title: 'x' })).body.data.eventUpdate.userErrors)).toEqual(['input.event RETRACTED']);
  });
});

describe('actorCreate and actorUpdate', () => {
  it('records an actor with its citation; its aliases are found by search', async () => {
    const unknown = await post(
      ACTOR_CREATE,
      { input: { name: 'Nobody', kind: 'PERSON', country: 'XK', parent: sourceId, citation: citation() } },
      editor,
    );
    expect(codesOf(unknown.body.data.actorCreate.userErrors)).toEqual(['input.parent NOT_FOUND', 'input.country NOT_FOUND']);
    const actor = await createActor('Abu Ali', {
      kind: 'PERSON',
      aliases: ['Abu Ali al-Askari', 'Abu Ali', 'Abu Ali al-Askari'],
      country: 'IQ',
      citation: citation('The group’s spokesman, Abu Ali, said'),
    });
    expect(actor).toMatchObject({
      revision: 1,
      aliases: ['Abu Ali al-Askari'],
      citation: { passage: 'The group’s spokesman, Abu Ali, said' },
    });
    const found = await post(`{ actors(first: 5, filter: { search: "al-Askari" }) { nodes { id } } }`);
    expect(found.body.data.actors.nodes).toEqual([{ id: actor.id }]);
  });

  it('changes what it is given, clears what is null, refuses cycles and stale revisions', async () => {
    const group = await createActor('Basra Brigades', { title: 'militia', description: 'An armed group.' });
    const member = await createActor('Basra Brigades youth wing', { parent: group.id });
    const update = (input: Record<string, unknown>) =>
      post(ACTOR_UPDATE, { input: { actor: group.id, expectedRevision: 1, citation: citation(), ...input } }, editor);
    expect(codesOf((await update({ parent: member.id })).body.data.actorUpdate.userErrors)).toEqual(['input.parent INVALID']);
    expect(codesOf((await update({ name: null, kind: null })).body.data.actorUpdate.userErrors)).toEqual([
      'input.name INVALID',
      'input.kind INVALID',
    ]);
    const done = (await update({ title: null, aliases: ['Saraya Basra'], country: 'IQ' })).body.data.actorUpdate;
    expect(done.userErrors).toEqual([]);
    expect(done.actor).toMatchObject({
      revision: 2,
      name: 'Basra Brigades',
      aliases: ['Saraya Basra'],
      title: null,
      description: 'An armed group.',
      country: { code: 'IQ' },
    });
    expect((await update({ title: 'x' })).body.data.actorUpdate.userErrors).toEqual([
      { field: ['input', 'expectedRevision'], code: 'STALE', currentRevision: 2 },
    ]);
  });
});

describe('actorMerge', () => {
  it('moves names, participations, quotes, reactions, deployments, affiliations, attributions and members to the survivor', async () => {
    const merged = await createActor('Kataib Hizbollah', { aliases: ['KH'] });
    const survivor = await createActor('Kata’ib Hezbollah', { aliases: ['Kataib Hezbollah'] });
    const member = await createActor('KH rocket unit', { parent: merged.id });
    const event = (
      await post(
        EVENT_CREATE,
        {
          input: protest({
            title: 'Rockets fired at a base',
            kind: 'ROCKET_ATTACK',
            participants: [
              { actor: merged.id, role: 'PERPETRATOR' },
              { actor: survivor.id, role: 'PERPETRATOR' },
              { actor: merged.id, role: 'BLAMED' },
            ],
            citation: citation('Kataib Hizbollah, also written Kata’ib Hezbollah, said it fired the rockets.'),
          }),
        },
        editor,
      )
    ).body.data.eventCreate.event;
    const factCitation = { ...citation('said it fired the rockets'), attributedTo: merged.id };
    const said = { occurredOn: { date: '2020-01-10', precision: 'DAY' }, citation: factCitation };
    const [quote, reaction, casualty, deployment] = await Promise.all([
      server.write('quoteAdd', 'QuoteAddInput', 'quote', {
        ...said,
        text: 'We will answer.',
        speaker: merged.id,
        medium: 'STATEMENT',
        event: event.id,
        citation: citation('"We will answer."'),
      }),
      server.write('reactionAdd', 'ReactionAddInput', 'reaction', {
        ...said,
        actor: merged.id,
        event: event.id,
        stance: 'THREAT',
        summary: 'threatened to answer',
      }),
      server.write('casualtyReport', 'CasualtyReportInput', 'casualty', {
        ...said,
        event: event.id,
        kind: 'KILLED',
        figure: { low: 2, best: 2, high: 2, qualifier: 'EXACT', wording: 'two fighters' },
        victims: 'fighters',
        affiliation: merged.id,
        victimCountry: 'IQ',
      }),
      server.write('deploymentReport', 'DeploymentReportInput', 'deployment', {
        ...said,
        figure: { best: 200, qualifier: 'APPROXIMATE', wording: 'about 200 fighters' },
        status: 'DEPLOYED',
        troops: 'fighters',
        forceCountry: 'IQ',
        orderedBy: merged.id,
      }),
    ]);

    const merge = (input: Record<string, unknown>, bearer = admin) =>
      post(
        ACTOR_MERGE,
        {
          input: {
            actor: merged.id,
            into: survivor.id,
            expectedRevision: 1,
            reason: 'one militia, two spellings',
            citation: citation(),
            ...input,
          },
        },
        bearer,
      );
    expect(codesOf((await merge({ into: merged.id })).body.data.actorMerge.userErrors)).toEqual(['input.into INVALID']);
    expect(codesOf((await merge({ expectedRevision: 2 })).body.data.actorMerge.userErrors)).toEqual(['input.expectedRevision STALE']);
    const done = (await merge({})).body.data.actorMerge;
    expect(done.userErrors).toEqual([]);
    expect(done.actor).toMatchObject({ id: survivor.id, aliases: ['Kataib Hezbollah', 'Kataib Hizbollah', 'KH'] });

    // The merged ID answers with the survivor; lists and search know only the survivor.
    const lookedUp = await post(`query ($id: ID!) { node(id: $id) { id } actor(id: $id) { id } }`, { id: merged.id });
    expect(lookedUp.body.data).toEqual({ node: { id: survivor.id }, actor: { id: survivor.id } });
    const search = await post(`{ actors(first: 10, filter: { search: "Kataib Hizbollah" }) { nodes { id } } }`);
    const found = search.body.data.actors.nodes.map((n: { id: string }) => n.id);
    expect([found.includes(survivor.id), found.includes(merged.id)]).toEqual([true, false]);

    const seen = await post(
      `query ($event: ID!, $survivor: ID!, $member: ID!, $casualty: ID!, $deployment: ID!, $quote: ID!, $reaction: ID!) {
        event(id: $event) { participants { role actor { id } } }
        survivor: actor(id: $survivor) { events { id } quotes { id } reactions { id } members { id } }
        member: actor(id: $member) { parent { id } }
        casualty: node(id: $casualty) { ... on Casualty { affiliation { id } citation { attributedTo { id } } } }
        deployment: node(id: $deployment) { ... on Deployment { orderedBy { id } } }
        quote: node(id: $quote) { ... on Quote { speaker { id } } }
        reaction: node(id: $reaction) { ... on Reaction { actor { id } } } }`,
      { event: event.id, survivor: survivor.id, member: member.id, casualty, deployment, quote, reaction },
    );
    expect(seen.body.errors).toBeUndefined();
    const s = { id: survivor.id };
    expect(seen.body.data).toEqual({
      event: {
        participants: [
          { role: 'PERPETRATOR', actor: s },
          { role: 'BLAMED', actor: s },
        ],
      },
      survivor: { events: [{ id: event.id }], quotes: [{ id: quote }], reactions: [{ id: reaction }], members: [{ id: member.id }] },
      member: { parent: s },
      casualty: { affiliation: s, citation: { attributedTo: s } },
      deployment: { orderedBy: s },
      quote: { speaker: s },
      reaction: { actor: s },
    });
    expect(await rollupDrift(server.t.database.handle.db)).toEqual([]);

    // The merged actor is out of use: merging it again, or citing it, is MERGED.
    expect(codesOf((await merge({ expectedRevision: 2 })).body.data.actorMerge.userErrors)).toEqual(['input.actor MERGED']);
    const update = await post(ACTOR_UPDATE, { input: { actor: merged.id, expectedRevision: 2, citation: citation() } }, editor);
    expect(codesOf(update.body.data.actorUpdate.userErrors)).toEqual(['input.actor MERGED']);

    // Merging the survivor on carries the first merge along: the oldest ID still finds the actor.
    const last = await createActor('Hezbollah Brigades');
    const survivorRevision = (await post(`query ($id: ID!) { actor(id: $id) { revision } }`, { id: survivor.id })).body.data.actor.revision;
    const chained = await merge({ actor: survivor.id, into: last.id, expectedRevision: survivorRevision });
    expect(chained.body.data.actorMerge.userErrors).toEqual([]);
    const oldest = await post(`query ($id: ID!) { node(id: $id) { id ... on Actor { aliases } } }`, { id: merged.id });
    expect(oldest.body.data.node).toEqual({
      id: last.id,
      aliases: ['Kata’ib Hezbollah', 'Kataib Hezbollah', 'Kataib Hizbollah', 'KH'],
    });
  });
});
