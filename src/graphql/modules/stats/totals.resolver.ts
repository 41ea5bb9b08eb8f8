import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { Country, countryShape } from '../country/country.type.js';
import { Event, eventShape } from '../event/event.type.js';
import { CasualtyTotals } from './stats.type.js';

@Resolver(() => Event)
export class EventTotalsResolver {
  @FieldResolver(() => CasualtyTotals, { description: 'Honest casualty totals of this event, by kind (batched across events).' })
  @eventShape.Reads('id')
  casualtyTotals(@Root() event: Event, @Ctx() { loaders }: Context): Promise<CasualtyTotals> {
    return loaders.casualtyTotalsByEvent.load(event.row.id);
  }
}

@Resolver(() => Country)
export class CountryTotalsResolver {
  @FieldResolver(() => CasualtyTotals, {
    description: 'Honest casualty totals of victims of this country, by kind, over all dates (batched across countries).',
  })
  @countryShape.Reads('code')
  casualtyTotals(@Root() country: Country, @Ctx() { loaders }: Context): Promise<CasualtyTotals> {
    return loaders.casualtyTotalsByCountry.load(country.code);
  }
}
