// Swagger UI for the merged description. A separate file, not an inline script, so the page passes
// the gateway's Content-Security-Policy (script-src 'self').
(function () {
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)revenge_csrf=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : null;
  }
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // "Try it out" with the session cookie: unsafe methods need the CSRF token echoed.
    requestInterceptor: function (request) {
      var token = csrfToken();
      if (token && !/^(GET|HEAD|OPTIONS)$/i.test(request.method || "GET")) {
        request.headers["X-CSRF-Token"] = token;
      }
      return request;
    },
  });
})();
