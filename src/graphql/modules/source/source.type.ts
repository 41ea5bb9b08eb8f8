import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { loadRequired, type Loaders } from '../../loaders.js';
import { instance } from '../../common/instance.js';
import { rowShape, type RowOf } from '../../common/projection.js';
import { citations, sources } from '../../../db/schema/index.js';

/** The columns Source values are built from (see RowShape). */
export const sourceShape = rowShape(sources, ['id', 'outlet', 'title', 'url', 'authors', 'publishedOn', 'updatedOn']);
export type SourceRead = RowOf<typeof sourceShape>;

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A published article or report the data was taken from.' })
@sourceShape.Type()
export class Source implements Node {
  __typename!: 'Source';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  @sourceShape.Reads('id')
  id!: string;

  @Field(() => String, { description: 'Publication, e.g. "TIME".' })
  @sourceShape.Reads('outlet')
  outlet!: string;

  @Field(() => String, { description: 'Headline as published.' })
  @sourceShape.Reads('title')
  title!: string;

  @Field(() => String, { nullable: true, description: 'Web address, when known.' })
  @sourceShape.Reads('url')
  url!: string | null;

  @Field(() => [String], { description: 'Bylines, in order.' })
  @sourceShape.Reads('authors')
  authors!: string[];

  @Field(() => DateScalar, { nullable: true, description: 'First publication date, when known.' })
  @sourceShape.Reads('publishedOn')
  publishedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last update date, when known.' })
  @sourceShape.Reads('updatedOn')
  updatedOn!: string | null;
}

export const toSource = (row: SourceRead): Source =>
  instance(Source, {
    __typename: 'Source',
    id: toGlobalId('Source', row.id),
    outlet: row.outlet,
    title: row.title,
    url: row.url,
    authors: row.authors,
    publishedOn: row.publishedOn,
    updatedOn: row.updatedOn,
  });

/** The columns Citation values are built from (see RowShape). */
export const citationShape = rowShape(citations, ['id', 'passage', 'attribution', 'sourceId', 'attributedToActorId']);
export type CitationRead = RowOf<typeof citationShape>;

@ObjectType({
  simpleResolvers: true,
  description:
    'Where a fact comes from: the article, the passage it rests on, and whom the article credits ' +
    '(e.g. "according to the Associated Press").',
})
@citationShape.Type()
export class Citation {
  @Field(() => String, { description: 'The passage of the article the fact rests on, verbatim.' })
  @citationShape.Reads('passage')
  passage!: string;

  @Field(() => String, {
    nullable: true,
    description: "The article's attribution words, verbatim; null when it states the fact in its own voice.",
  })
  @citationShape.Reads('attribution')
  attribution!: string | null;

  row!: CitationRead;
}

export const toCitation = (row: CitationRead): Citation => instance(Citation, { passage: row.passage, attribution: row.attribution, row });

/** Resolves a row's `citation_id` through the per-request loader. */
export async function loadCitation(loaders: Loaders, citationId: number): Promise<Citation> {
  return toCitation(await loadRequired(loaders.citation, citationId, 'citation'));
}
