// Makes the intranet installable on a phone or a desktop: registers the service worker
// that shows an offline page when the network is gone (intranet/core/pwa.py).
(function () {
  "use strict";
  const script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script) return;
  const address = script.dataset.serviceWorker;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(address, {scope: "/"}).catch(() => {});
  });
})();
