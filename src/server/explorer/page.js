// The explorer page's own script (served as it is, no build step): GraphiQL,
// loaded from this server like React and graphql-ws, with one fetcher for
// both transports — HTTP for queries and mutations, graphql-ws for
// subscriptions, each carrying the Authorization header of the headers editor.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('explorer-config').textContent);
  var endpoint = new URL(config.endpoint, window.location.href);
  var socketUrl = endpoint.href.replace(/^http/, 'ws');
  var socket;
  var socketAuthorization;

  /** One socket per Authorization value: a changed token opens a new one. */
  function socketFor(headers) {
    var authorization = headers.Authorization || headers.authorization || '';
    if (!socket || socketAuthorization !== authorization) {
      if (socket) socket.dispose();
      socketAuthorization = authorization;
      socket = window.graphqlWs.createClient({
        url: socketUrl,
        lazy: true,
        retryAttempts: 0,
        connectionParams: authorization ? { authorization: authorization } : {},
      });
    }
    return socket;
  }

  /** Is the operation to run a subscription? (comments and strings aside, it starts with the keyword) */
  function isSubscription(params) {
    var source = params.query.replace(/#[^\n]*/g, '').replace(/"(?:[^"\\]|\\.)*"/g, '""');
    var pattern = /(?:^|})\s*(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/g;
    var match;
    var first;
    while ((match = pattern.exec(source)) !== null) {
      if (!first) first = match[1];
      if (params.operationName && match[2] === params.operationName) return match[1] === 'subscription';
    }
    return first === 'subscription';
  }

  function fetcher(params, options) {
    var headers = (options && options.headers) || {};
    if (isSubscription(params)) {
      return socketFor(headers).iterate({
        query: params.query,
        variables: params.variables || undefined,
        operationName: params.operationName || undefined,
      });
    }
    return window
      .fetch(endpoint.href, {
        method: 'POST',
        headers: Object.assign({ 'content-type': 'application/json', accept: 'application/json' }, headers),
        body: JSON.stringify(params),
      })
      .then(function (response) {
        return response.json();
      });
  }

  var root = window.ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    window.React.createElement(window.GraphiQL, {
      fetcher: fetcher,
      defaultQuery: config.defaultQuery,
      defaultHeaders: config.headers,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: config.headers ? 'headers' : false,
    }),
  );
})();
