// The explorer's frame on one server: when the explorer page that framed it (and only that
// page, at the exact origin named in ?parent=) asks by postMessage, it calls this server's
// /render same-origin with the token the message carries, runs the harness clients there,
// and posts what came back to that origin only. The server lets only ?parent= frame it.
"use strict";

(function () {
  const parent = new URLSearchParams(location.search).get("parent");
  const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
  if (!parent || window.parent === window) return;
  let queue = Promise.resolve();

  async function rawReply(url, method, headers) {
    const response = await fetch(url, { method: method, headers: headers, cache: "no-store" });
    const seen = [];
    response.headers.forEach((value, name) => seen.push([name, value]));
    return {
      status: response.status,
      reason: response.statusText,
      headers: seen,
      body: await response.text(),
      redirected: response.redirected,
      url: response.url,
    };
  }

  async function run(message) {
    const url = "/render?expression=" + encodeURIComponent(message.expression);
    const headers = { Authorization: "Bearer " + message.token };
    let reply = null;
    let error = null;
    try {
      reply = await rawReply(url, message.method, headers);
    } catch (thrown) {
      error = String(thrown);
    }
    const clients = await window.parity.runAt(url, message.method, headers, message.clients);
    // Plain data only: what crosses to the parent is what JSON can say.
    return JSON.parse(JSON.stringify({ kind: "parity-result", id: message.id, reply: reply, error: error, clients: clients }));
  }

  function wellFormed(message) {
    return message !== null && typeof message === "object" && message.kind === "parity-run" &&
      typeof message.id === "number" && typeof message.expression === "string" &&
      typeof message.token === "string" && METHODS.includes(message.method) &&
      Array.isArray(message.clients) && message.clients.every((id) => window.parity.clients.includes(id));
  }

  window.addEventListener("message", (event) => {
    if (event.origin !== parent || event.source !== window.parent || !wellFormed(event.data)) return;
    const message = event.data;
    queue = queue.then(() => run(message)).then(
      (result) => window.parent.postMessage(result, parent),
      (error) => window.parent.postMessage({ kind: "parity-result", id: message.id, reply: null, error: String(error), clients: {} }, parent),
    );
  });

  window.parity.ready.then(
    () => window.parent.postMessage({ kind: "parity-frame-ready" }, parent),
    (error) => window.parent.postMessage({ kind: "parity-frame-failed", error: String(error) }, parent),
  );
})();
