// PostGraphile as a user would stand it up in an afternoon against Tiexin's database: schema public,
// PostGIS types and connection filters (the plugins the comparison in issue 19 names), no
// authentication, the query log off (it would otherwise print every request). One Node process.
//   DATABASE_URL=postgres://user:password@127.0.0.1:5432/db PORT=28495 node server.js
const http = require("http");
const { postgraphile } = require("postgraphile");
const PostgisPlugin = require("@graphile/postgis").default;
const ConnectionFilterPlugin = require("postgraphile-plugin-connection-filter");
const PostgisFilterPlugin = require("postgraphile-plugin-connection-filter-postgis");

const port = Number(process.env.PORT || 28495);
const middleware = postgraphile(process.env.DATABASE_URL, "public", {
  appendPlugins: [PostgisPlugin, ConnectionFilterPlugin, PostgisFilterPlugin],
  // Reads only are measured; mutations would only make the schema larger.
  disableDefaultMutations: true,
  disableQueryLog: true,
  graphiql: false,
  ignoreRBAC: false,
  retryOnInitFail: false,
});
http.createServer(middleware).listen(port, "127.0.0.1", () => {
  console.log(`PostGraphile on http://127.0.0.1:${port}/graphql`);
});
