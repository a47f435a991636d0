// The bench's yardstick: the same stack as the app (Node, express 5, Apollo
// Server 5 through @as-integrations/express5) answering `{ hello }`, nothing
// else. Plain JavaScript, run with plain node like the built app. Prints
// "ready at <url>" like the app does.
import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';

const apollo = new ApolloServer({
  typeDefs: 'type Query { hello: String! }',
  resolvers: { Query: { hello: () => 'world' } },
});
await apollo.start();
const app = express();
app.use('/graphql', express.json(), expressMiddleware(apollo));
const server = createServer(app);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`ready at http://127.0.0.1:${port}/graphql`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
