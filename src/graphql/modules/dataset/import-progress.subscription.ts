import { Arg, Authorized, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { Role } from '../../../auth/roles.js';
import type { ImportProgressMessage } from '../../../live/hub.js';
import { viewerLoaders, type Context } from '../../context.js';
import { rowIdOf } from '../../common/global-id.js';
import { instance } from '../../common/instance.js';
import { Reads, ReadsNoRows } from '../../common/projection.js';
import { EventQueue, liveOf } from '../live/stream.js';
import { loadDataset } from './dataset.resolver.js';
import { Dataset } from './dataset.type.js';

@ObjectType({ simpleResolvers: true, description: 'Where a running import stands: sent after each committed batch and when it ends.' })
@ReadsNoRows()
export class ImportProgress {
  @Field(() => Int, { description: 'Rows read so far, good and rejected.' })
  rows!: number;

  @Field(() => Int, { description: 'Rows refused so far (written to the rejects file with their reason).' })
  rejected!: number;

  @Field(() => Float, { description: 'Rows read per second since the import started.' })
  rowsPerSecond!: number;

  @Field(() => Boolean, { description: 'True in the last message of the import.' })
  finished!: boolean;

  datasetId!: number | null;
}

@Resolver(() => ImportProgress)
export class ImportProgressResolver {
  @Subscription(() => ImportProgress, {
    description:
      'Progress of imports (`npm run import`) from now on, of one dataset or of all. Needs EDITOR. Reaches server instances ' +
      'only through Redis (REDIS_URL), as the import runs in its own process.',
    subscribe: ({ args, context }) => {
      const { hub, connection } = liveOf(context as Context);
      const { dataset: id } = args as { dataset?: string | null };
      const dataset = id ? rowIdOf('Dataset', id, 'dataset') : null;
      const queue: EventQueue<ImportProgressMessage> = new EventQueue(connection, () => stop());
      const stop = hub.onImportProgress((message) => {
        if (!connection.draining && (dataset === null || message.datasetId === dataset)) queue.push(message);
      });
      return queue;
    },
  })
  @Authorized(Role.EDITOR)
  @Reads()
  importProgress(
    @Root() message: ImportProgressMessage,
    @Arg('dataset', () => ID, { nullable: true, description: 'Only imports into this dataset (a Dataset ID); all when absent.' })
    _dataset: string | null,
    @Ctx() context: Context,
  ): ImportProgress {
    // The dataset's counts change between messages: read them afresh for each.
    context.loaders = viewerLoaders(context.db, context.viewer);
    return instance(ImportProgress, { ...message });
  }

  @FieldResolver(() => Dataset, { nullable: true, description: 'The dataset being imported; null until its first batch has committed.' })
  dataset(@Root() progress: ImportProgress, @Ctx() context: Context): Promise<Dataset | null> {
    return loadDataset(context, progress.datasetId);
  }
}
