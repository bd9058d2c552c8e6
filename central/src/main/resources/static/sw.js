// The portal's service worker: ticket pages stay available offline once opened.
// Ticket pages (/my/tickets and /my/tickets/<id>) are fetched from the network first and kept in
// the cache; without network the cached copy is shown, else the offline page. The site's
// stylesheets, scripts and icons are served from the cache and refreshed in the background.
// Nothing else is cached: money pages always need the network. Signing out empties the cache.
var CACHE = "fcs-portal-v1";
var SHELL = [
  "/offline",
  "/css/festival.css",
  "/portal/portal.css",
  "/js/festival.js",
  "/portal/portal.js",
  "/portal/icon.svg",
  "/portal/icon-192.png",
  "/manifest.webmanifest"
];
var TICKET_PAGE = /^\/my\/tickets(\/[0-9a-f-]{36})?$/;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(SHELL);
  }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () {
    return self.clients.claim();
  }));
});

function remember(key, response) {
  if (response && response.ok && !response.redirected && response.type === "basic") {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (TICKET_PAGE.test(url.pathname) && request.mode === "navigate") {
    event.respondWith(fetch(request).then(function (response) {
      return remember(url.pathname, response);
    }).catch(function () {
      return caches.match(url.pathname).then(function (hit) {
        return hit || caches.match("/offline");
      });
    }));
    return;
  }
  if (SHELL.indexOf(url.pathname) >= 0 || url.pathname.indexOf("/webjars/") === 0) {
    event.respondWith(caches.match(url.pathname).then(function (hit) {
      var fresh = fetch(request).then(function (response) {
        return remember(url.pathname, response);
      });
      return hit || fresh;
    }));
  }
});
