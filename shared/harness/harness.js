// The client harness: loads the pinned client libraries from this server, runs each against
// a same-origin path, and reports what it did as plain data for the browser tests.
// Nothing from a response is ever inserted as markup, except by htmx into #htmx-target,
// which is what htmx does; the page's Content-Security-Policy keeps that markup inert.
"use strict";

(function () {
  const TIMEOUT = 10000;
  // The client records (shared/clients), served by the app: id, library, build, settings.
  const TABLE = "/_parity/js/clients.json";
  const HTMX_EVENTS = ["htmx:beforeSwap", "htmx:afterSwap", "htmx:responseError", "htmx:sendError"];
  const builds = {};
  let clients = [];

  function load(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error("cannot load " + src));
      document.head.append(script);
    });
  }

  async function setup() {
    // htmx initialises (and reads its meta config) at once only when the document is
    // complete; loaded any earlier but after DOMContentLoaded, it would wait forever.
    if (document.readyState !== "complete") {
      await new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
    }
    const response = await fetch(TABLE, { cache: "no-store" });
    if (!response.ok) throw new Error("cannot load " + TABLE);
    clients = await response.json();
    for (const client of clients) {
      if (client.asset === null || client.asset in builds) continue;
      await load(client.asset);
      builds[client.asset] = RUNNERS[client.library].capture();
    }
    window.parity.clients = clients.map((client) => client.id);
    return Object.fromEntries(
      Object.entries(builds).map(([src, value]) => [src, value.fn ? value.fn.jquery : value.VERSION || value.version])
    );
  }

  function describe(value) {
    if (value === undefined) return { kind: "undefined", value: null };
    if (value === null) return { kind: "null", value: null };
    if (value instanceof Document) return { kind: "document", value: null };
    if (Array.isArray(value)) return { kind: "array", value: value };
    return { kind: typeof value, value: value };
  }

  function absolute(url) {
    return new URL(url, location.href).href;
  }

  function redirected(xhr, url) {
    return Boolean(xhr && xhr.responseURL && xhr.responseURL !== absolute(url));
  }

  async function viaFetch(build, url, method, headers) {
    const response = await fetch(url, {
      method: method, headers: headers, cache: "no-store", signal: AbortSignal.timeout(TIMEOUT),
    });
    let jsonResolves = true;
    let json;
    try {
      json = describe(await response.json());
    } catch (error) {
      jsonResolves = false;
      json = describe(undefined);
    }
    return {
      redirected: response.redirected,
      ok: response.ok,
      status: response.status,
      statusText: response.statusText,
      contentType: response.headers.get("content-type"),
      jsonResolves: jsonResolves,
      json: json,
    };
  }

  function thrownName(thrown) {
    if (typeof thrown === "string") return thrown;
    return thrown && thrown.name ? thrown.name : String(thrown);
  }

  function viaJQuery($, url, method, headers, options) {
    return new Promise((resolve) => {
      let xhr = null;
      const report = (callback, textStatus, data, errorThrown, jqXHR) => resolve({
        redirected: redirected(xhr, url),
        callback: callback,
        textStatus: textStatus,
        data: data,
        errorThrown: errorThrown,
        status: jqXHR.status,
        statusText: jqXHR.statusText,
        responseJSON: describe(jqXHR.responseJSON),
      });
      const settings = {
        url: url,
        method: method,
        headers: headers,
        timeout: TIMEOUT,
        xhr: () => (xhr = new XMLHttpRequest()),
        success: (data, textStatus, jqXHR) => report("success", textStatus, describe(data), null, jqXHR),
        error: (jqXHR, textStatus, errorThrown) =>
          report("error", textStatus, describe(undefined), thrownName(errorThrown), jqXHR),
      };
      if (options.dataType) settings.dataType = options.dataType;
      $.ajax(settings);
    });
  }

  async function viaAxios(axios, url, method, headers) {
    let response;
    let settled = "resolved";
    let code = null;
    try {
      response = await axios.request({ url: url, method: method, headers: headers, timeout: TIMEOUT });
    } catch (error) {
      settled = "rejected";
      code = error.code || null;
      if (!error.response) {
        return { redirected: false, settled: settled, code: code, status: 0, statusText: "", data: describe(undefined) };
      }
      response = error.response;
    }
    return {
      redirected: redirected(response.request, url),
      settled: settled,
      code: code,
      status: response.status,
      statusText: response.statusText,
      data: describe(response.data),
    };
  }

  async function viaHtmx(htmx, url, method, headers) {
    const target = document.getElementById("htmx-target");
    const sentinel = document.createTextNode("not swapped");
    target.replaceChildren(sentinel);
    const events = [];
    let xhr = null;
    const record = (event) => {
      events.push(event.type);
      if (event.detail && event.detail.xhr) xhr = event.detail.xhr;
    };
    for (const name of HTMX_EVENTS) document.addEventListener(name, record);
    try {
      await htmx.ajax(method, url, { target: "#htmx-target", swap: "innerHTML", headers: headers });
    } catch (error) {
      // A network error rejects; htmx:sendError is already recorded.
    } finally {
      for (const name of HTMX_EVENTS) document.removeEventListener(name, record);
    }
    const swapped = !(target.childNodes.length === 1 && target.firstChild === sentinel);
    return { redirected: redirected(xhr, url), swapped: swapped, events: events };
  }

  // One runner per library a client record names: how to take hold of its build once loaded
  // (`capture`), and how to run it on a URL with the record's settings.
  const RUNNERS = {
    fetch: { run: viaFetch },
    jquery: {
      // Two jQuery versions on one page: each hands its globals back once captured.
      capture: () => window.jQuery.noConflict(true),
      run: viaJQuery,
    },
    axios: { capture: () => window.axios, run: viaAxios },
    htmx: { capture: () => window.htmx, run: viaHtmx },
  };

  function runClient(id, url, method, headers) {
    const client = clients.find((candidate) => candidate.id === id);
    if (client === undefined) throw new Error("no such client: " + id);
    const build = client.asset === null ? null : builds[client.asset];
    return RUNNERS[client.library].run(build, url, method, headers, client.options);
  }

  async function showBody(url, method, headers) {
    // Text only: the body is data, never markup. A reply the browser refuses has none.
    let text;
    try {
      const response = await fetch(url, { method: method, headers: headers, cache: "no-store" });
      text = await response.text();
    } catch (error) {
      text = "(no response: " + String(error) + ")";
    }
    document.getElementById("body").textContent = text;
  }

  // Run the named clients one after another on a URL; resolve to {client id: what it did},
  // a client that threw reporting {"threw": message}. The page's CSP bounds where it reaches.
  async function runAt(url, method, headers, clientIds) {
    await ready;
    const results = {};
    for (const id of clientIds) {
      try {
        results[id] = await runClient(id, url, method, headers);
      } catch (error) {
        results[id] = { threw: String(error) };
      }
    }
    return results;
  }

  // The same on a same-origin path, showing the body and the results on the harness page.
  async function run(path, method, headers, clientIds) {
    if (!path.startsWith("/") || path.startsWith("//")) {
      throw new Error("the harness only calls paths of this server: " + path);
    }
    const results = await runAt(path, method, headers, clientIds);
    await showBody(path, method, headers);
    document.getElementById("output").textContent = JSON.stringify(results, null, 2);
    return results;
  }

  window.parity = { run: run, runAt: runAt, clients: [] };
  const ready = setup();
  window.parity.ready = ready;
})();
