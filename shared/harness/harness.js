// The client harness: loads the pinned client libraries from this server, runs each against
// a same-origin path, and reports what it did as plain data for the browser tests.
// Nothing from a response is ever inserted as markup, except by htmx into #htmx-target,
// which is what htmx does; the page's Content-Security-Policy keeps that markup inert.
"use strict";

(function () {
  const TIMEOUT = 10000;
  const LIBRARIES = [
    ["jquery3", "/_parity/js/jquery-3.7.1.js"],
    ["jquery4", "/_parity/js/jquery-4.0.0.js"],
    ["axios", "/_parity/js/axios-1.21.1.js"],
    ["htmx", "/_parity/js/htmx-2.0.11.js"],
  ];
  const HTMX_EVENTS = ["htmx:beforeSwap", "htmx:afterSwap", "htmx:responseError", "htmx:sendError"];
  const lib = {};

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
    for (const [name, src] of LIBRARIES) {
      await load(src);
      if (name.startsWith("jquery")) {
        // Two jQuery versions on one page: each hands its globals back once captured.
        lib[name] = window.jQuery.noConflict(true);
      } else {
        lib[name] = window[name];
      }
    }
    return Object.fromEntries(
      Object.entries(lib).map(([name, value]) => [name, value.fn ? value.fn.jquery : value.VERSION || value.version])
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

  async function viaFetch(url, method, headers) {
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

  function viaJQuery($, url, method, headers, dataType) {
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
      if (dataType) settings.dataType = dataType;
      $.ajax(settings);
    });
  }

  async function viaAxios(url, method, headers) {
    let response;
    let settled = "resolved";
    let code = null;
    try {
      response = await lib.axios.request({ url: url, method: method, headers: headers, timeout: TIMEOUT });
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

  async function viaHtmx(url, method, headers) {
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
      await lib.htmx.ajax(method, url, { target: "#htmx-target", swap: "innerHTML", headers: headers });
    } catch (error) {
      // A network error rejects; htmx:sendError is already recorded.
    } finally {
      for (const name of HTMX_EVENTS) document.removeEventListener(name, record);
    }
    const swapped = !(target.childNodes.length === 1 && target.firstChild === sentinel);
    return { redirected: redirected(xhr, url), swapped: swapped, events: events };
  }

  const CLIENTS = {
    "fetch": (url, method, headers) => viaFetch(url, method, headers),
    "jquery3-guess": (url, method, headers) => viaJQuery(lib.jquery3, url, method, headers, null),
    "jquery3-json": (url, method, headers) => viaJQuery(lib.jquery3, url, method, headers, "json"),
    "jquery4-guess": (url, method, headers) => viaJQuery(lib.jquery4, url, method, headers, null),
    "jquery4-json": (url, method, headers) => viaJQuery(lib.jquery4, url, method, headers, "json"),
    "axios": (url, method, headers) => viaAxios(url, method, headers),
    "htmx": (url, method, headers) => viaHtmx(url, method, headers),
  };

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
        results[id] = await CLIENTS[id](url, method, headers);
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

  const ready = setup();
  window.parity = { ready: ready, run: run, runAt: runAt, clients: Object.keys(CLIENTS) };
})();
