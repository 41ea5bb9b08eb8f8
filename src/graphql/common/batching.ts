/**
 * DataLoader batch scheduling for every loader: dispatch once every resolver that can run without
 * I/O has run (setImmediate, after all microtasks), not on the next tick. Resolvers that reach a
 * loader through a few more awaits then join the same batch, so the statement count depends on
 * the query's shape, not on rows.
 */
export const batchScheduleFn = (dispatch: () => void) => setImmediate(dispatch);
