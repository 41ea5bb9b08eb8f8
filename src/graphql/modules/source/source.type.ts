import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { loadRequired, type CitationRow, type Loaders, type SourceRow } from '../../loaders.js';
import { instance } from '../../common/instance.js';
import { Reads } from '../../common/projection.js';
import { citations, sources } from '../../../db/schema/index.js';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A published article or report the data was taken from.' })
export class Source implements Node {
  __typename!: 'Source';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  @Reads(sources, 'id')
  id!: string;

  @Field(() => String, { description: 'Publication, e.g. "TIME".' })
  @Reads(sources, 'outlet')
  outlet!: string;

  @Field(() => String, { description: 'Headline as published.' })
  @Reads(sources, 'title')
  title!: string;

  @Field(() => String, { nullable: true, description: 'Web address, when known.' })
  @Reads(sources, 'url')
  url!: string | null;

  @Field(() => [String], { description: 'Bylines, in order.' })
  @Reads(sources, 'authors')
  authors!: string[];

  @Field(() => DateScalar, { nullable: true, description: 'First publication date, when known.' })
  @Reads(sources, 'publishedOn')
  publishedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last update date, when known.' })
  @Reads(sources, 'updatedOn')
  updatedOn!: string | null;
}

export const toSource = (row: SourceRow): Source =>
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

@ObjectType({
  simpleResolvers: true,
  description:
    'Where a fact comes from: the article, the passage it rests on, and whom the article credits ' +
    '(e.g. "according to the Associated Press").',
})
export class Citation {
  @Field(() => String, { description: 'The passage of the article the fact rests on, verbatim.' })
  @Reads(citations, 'passage')
  passage!: string;

  @Field(() => String, {
    nullable: true,
    description: "The article's attribution words, verbatim; null when it states the fact in its own voice.",
  })
  @Reads(citations, 'attribution')
  attribution!: string | null;

  row!: CitationRow;
}

export const toCitation = (row: CitationRow): Citation => instance(Citation, { passage: row.passage, attribution: row.attribution, row });

/** Resolves a row's `citation_id` through the per-request loader. */
export async function loadCitation(loaders: Loaders, citationId: number): Promise<Citation> {
  return toCitation(await loadRequired(loaders.citation, citationId, 'citation'));
}
