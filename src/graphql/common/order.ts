import { Field, InputType, type ClassType } from 'type-graphql';
import { SortDirection } from './enums.js';

export interface Order<F extends string> {
  field: F;
  direction: SortDirection;
}

/** Builds `<Name>Order { field: <Name>OrderField!, direction: SortDirection }` for a registered field enum. */
export function orderInputType<F extends string>(
  name: string,
  fieldEnum: object,
  description: string,
  defaultDirection: SortDirection = SortDirection.ASC,
): ClassType<Order<F>> {
  @InputType(`${name}Order`, { description })
  class OrderInput implements Order<F> {
    @Field(() => fieldEnum, { description: 'Sort key.' })
    field!: F;

    @Field(() => SortDirection, { description: 'Direction.', defaultValue: defaultDirection })
    direction!: SortDirection;
  }
  return OrderInput;
}
