import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Runs middleware in order as one express handler: the router matches the path once, instead
 * of once per middleware (path matching, prefix trimming and parameter processing per layer
 * showed up in request profiles). Errors, thrown or rejected, go to express' error handlers.
 */
export function chain(...handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let index = 0;
    const next: NextFunction = (error?: unknown) => {
      if (error !== undefined && error !== null && error !== 'route') return done(error);
      const handler = handlers[index++];
      if (!handler || error === 'route') return done();
      try {
        const result: unknown = handler(req, res, next);
        if (result instanceof Promise) result.catch(done);
      } catch (thrown) {
        done(thrown);
      }
    };
    next();
  };
}
