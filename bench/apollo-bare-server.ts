/**
 * The stack's own floor: Apollo Server 5 on express 5 (the stack newsgraph is built on) with
 * Apollo's defaults, a one-field schema, no plugins and no database. It answers the empty
 * request `{ __typename }`: no GraphQL server on this stack can serve a query faster than this.
 */
import http from 'node:http';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';

const port = Number(process.env.PORT ?? 5002);
const apollo = new ApolloServer({
  typeDefs: 'type Query { "Always true." ok: Boolean! }',
  resolvers: { Query: { ok: () => true } },
});
await apollo.start();
const app = express();
app.use('/graphql', express.json(), expressMiddleware(apollo));
const server = http.createServer(app);
server.listen(port, '127.0.0.1', () => console.log(`apollo (bare) ready on ${port}`));
process.on('SIGTERM', () => {
  server.close();
  void apollo.stop().finally(() => process.exit(0));
});
