import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReadsNoRows } from '../../common/projection.js';
import { UserErrorCode } from '../../../write/user-error.js';

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation changed nothing; stable, for clients to switch on.',
  valuesConfig: {
    INVALID: { description: 'A value breaks a rule of its field (length, range, format, a figure’s bounds against its qualifier).' },
    NOT_FOUND: { description: 'A referenced ID names nothing, or something of another type.' },
    STALE: {
      description: '`expectedRevision` is not the current revision: someone changed the record since you read it. See `currentRevision`.',
    },
    PASSAGE_NOT_IN_SOURCE: {
      description: 'The source’s stored text does not contain the passage (whitespace and quote-mark style aside).',
    },
    IDEMPOTENCY_KEY_REUSED: { description: 'The idempotency key was used before with another input.' },
    RETRACTED: { description: 'The record is retracted and cannot be changed.' },
    ALREADY_RETRACTED: { description: 'The record is retracted already; its `retracted` says when, why and (to editors) by whom.' },
    MERGED: { description: 'The actor was merged into another; a lookup of its ID answers the survivor, whose ID to use.' },
    CONFLICT: { description: 'The change conflicts with another record.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'Why a mutation changed nothing, and which input field caused it.' })
@ReadsNoRows()
export class UserError {
  @Field(() => [String], { description: 'Path to the input field, e.g. ["input", "figure", "low"]; empty for the input as a whole.' })
  field!: string[];

  @Field(() => String, { description: 'What is wrong, for a person.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'What is wrong, for a program.' })
  code!: UserErrorCode;

  @Field(() => Int, { nullable: true, description: 'For STALE: the record’s current revision, to read and retry against.' })
  currentRevision?: number | null;
}
