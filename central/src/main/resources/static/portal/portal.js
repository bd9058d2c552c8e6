// The portal's small extras; every page works without them.
(function () {
  var CACHE = "fcs-portal-v1";
  // Installable web app: ticket pages stay available offline once opened (see /sw.js).
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    // Signing out forgets the tickets kept for offline use on this device.
    document.querySelectorAll("form.sign-out").forEach(function (form) {
      form.addEventListener("submit", function () {
        if (window.caches) {
          caches.delete(CACHE);
        }
      });
    });
    // The offline page lists the ticket pages this device keeps.
    var list = document.getElementById("offline-tickets");
    if (list && window.caches) {
      caches.open(CACHE).then(function (cache) {
        return cache.keys();
      }).then(function (requests) {
        requests.map(function (r) { return new URL(r.url).pathname; })
          .filter(function (p) { return /^\/my\/tickets\/[0-9a-f-]{36}$/.test(p); })
          .forEach(function (p) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = p;
            link.textContent = p.substring("/my/tickets/".length);
            item.appendChild(link);
            list.appendChild(item);
          });
      });
    }
  });
})();
