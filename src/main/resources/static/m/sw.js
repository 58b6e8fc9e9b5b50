// The phone page's service worker (scope /m/): keeps the shell so the page opens with no signal.
// Shell files are answered from the cache at once and refreshed behind it (a 304 when unchanged),
// so a new version shows on the next start. GraphQL is not touched: the page keeps its own copies
// of what it last loaded and queues what it could not send.
'use strict';

const CACHE = 'tiexin-m-shell-v1';
const SHELL = ['/m/', '/m/app.js', '/m/app.css', '/m/manifest.webmanifest', '/m/icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

function shellKey(request) {
  const url = new URL(request.url);
  if (request.mode === 'navigate' || url.pathname === '/m' || url.pathname === '/m/index.html') return '/m/';
  return url.pathname;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/m')) return;
  if (url.pathname === '/m/sw.js') return;
  const key = shellKey(request);
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(key).then((cached) => {
    const fresh = fetch(request).then((response) => {
      if (response.ok) return cache.put(key, response.clone()).then(() => response);
      return response;
    });
    if (cached) {
      event.waitUntil(fresh.catch(() => undefined));
      return cached;
    }
    return fresh;
  })));
});
