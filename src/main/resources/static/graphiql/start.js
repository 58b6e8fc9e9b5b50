// Starts GraphiQL on graphiql/index.html: a file, not an inline script, for the page's
// Content-Security-Policy (script-src 'self').
const params = new URLSearchParams(window.location.search);
const url = `${location.protocol}//${location.host}${params.get('path') || '/graphql'}`;
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${params.get('wsPath') || '/graphql'}`;
// Subscriptions sign in with the headers typed in GraphiQL's headers tab ({"Authorization": "Bearer …"}),
// sent in connection_init as the service expects.
const headers = () => {
  try {
    return JSON.parse(localStorage.getItem('graphiql:headers') || '{}');
  } catch (notJson) {
    return {};
  }
};
const wsClient = graphqlWs.createClient({ url: wsUrl, lazy: true, connectionParams: headers });
const fetcher = GraphiQL.createFetcher({ url, wsClient });
ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, {
  fetcher,
  defaultEditorToolsVisibility: true,
}));
