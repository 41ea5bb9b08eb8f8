-- Custom migration: how many items each nested list of the API holds per parent, measured by
-- refreshFanout (src/graphql/fanout.ts) after every bulk load; the query cost estimate reads it.
CREATE TABLE relation_fanout (
  relation text PRIMARY KEY,
  parents bigint NOT NULL CHECK (parents >= 0),
  children bigint NOT NULL CHECK (children >= 0),
  max_children bigint NOT NULL CHECK (max_children >= 0)
);
