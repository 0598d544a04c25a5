// The explorer page: frames one page of each server (/_parity/explorer/frame), sends each the
// return expression, method and token by postMessage to its exact origin, and takes back what
// that server's /render sent and what each client did there (same-origin, no CORS), checking
// each answer's origin and source. Then asks this server for the verdict on the two replies
// (differences, registry entries, findings). Everything from a response is set as
// textContent, never as markup. The token comes from this page's #fragment only.
"use strict";

(function () {
  const SIDES = ["flask", "quart"];
  const TITLES = { flask: "Flask", quart: "Quart" };
  const FRAME_PATH = "/_parity/explorer/frame";
  const READY_TIMEOUT = 30000;
  const RUN_TIMEOUT = 120000;
  let origins = { flask: null, quart: null };
  let setAside = new Set();
  let labHeaders = new Map();
  let clientsFor = {};
  let token = "";
  const frames = {};
  const waiting = new Map();
  let nextId = 1;
  let busy = false;

  window.parity = window.parity || {};

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function row(cells, differs, aside) {
    const tr = el("tr", undefined, aside ? "aside" : differs ? "differs" : "");
    for (const cell of cells) tr.append(el("td", cell));
    return tr;
  }

  function kindOf(described) {
    if (!described) return "";
    return described.kind === "string" ? "string " + JSON.stringify(described.value) : described.kind;
  }

  // One line per client, in words; the same words on both sides mean the same behaviour.
  // Told apart by what each library reports, so a new client record needs nothing here.
  function summary(id, r) {
    if (!r) return "not run for this method";
    if (r.threw) return "threw " + r.threw;
    if ("jsonResolves" in r) {
      return (r.ok ? "ok " : "not ok ") + r.status + " " + JSON.stringify(r.statusText) +
        "; json() " + (r.jsonResolves ? "gives " + kindOf(r.json) : "rejects") +
        "; content-type " + JSON.stringify(r.contentType);
    }
    if ("callback" in r) {
      return r.callback + " (" + r.textStatus + "), data " + kindOf(r.data) +
        (r.errorThrown ? ", errorThrown " + JSON.stringify(r.errorThrown) : "");
    }
    if ("settled" in r) {
      return r.settled + (r.code ? " (" + r.code + ")" : "") + ", data " + kindOf(r.data);
    }
    if ("swapped" in r) {
      return (r.swapped ? "swapped" : "not swapped") + "; events " + (r.events.join(", ") || "none");
    }
    return JSON.stringify(r);
  }

  function short(text) {
    return text.length > 160 ? text.slice(0, 160) + "\u2026" : text;
  }

  // A header as the page saw it, split into the view's own part and the lab's (not compared).
  function headerRows(reply, other) {
    const theirs = new Map(other ? other.headers : []);
    const rows = [];
    for (const [name, value] of reply.headers) {
      const lab = labHeaders.get(name);
      if (lab !== undefined && (value === lab || value.endsWith(", " + lab))) {
        if (value !== lab) {
          const own = value.slice(0, value.length - lab.length - 2);
          const otherOwn = theirs.has(name) ? theirs.get(name).replace(", " + lab, "") : undefined;
          rows.push(row([name, own], otherOwn !== own, false));
        }
        rows.push(row([name, lab], false, true));
      } else {
        rows.push(row([name, value], theirs.get(name) !== value, setAside.has(name)));
      }
    }
    return rows;
  }

  function showSide(side, result, other) {
    const section = document.getElementById("side-" + side);
    section.querySelector(".origin").textContent = origins[side];
    const reply = result.reply;
    const line = section.querySelector(".status-line");
    const redirect = section.querySelector(".redirect");
    const pre = section.querySelector(".body");
    const headers = section.querySelector(".headers tbody");
    if (reply === null) {
      line.textContent = "No reply reached the page: " + result.error;
      line.classList.add("differs");
      redirect.hidden = true;
      headers.replaceChildren();
      pre.textContent = "(none)";
      pre.classList.remove("differs");
    } else {
      const otherReply = other.reply;
      redirect.hidden = !reply.redirected;
      redirect.textContent = reply.redirected
        ? "/render answered with a redirect; the browser followed it to " + reply.url + ", whose answer is shown."
        : "";
      line.textContent = reply.status + " " + (reply.reason === "" ? "(no reason phrase)" : reply.reason);
      line.classList.toggle("differs", !otherReply || reply.status !== otherReply.status || reply.reason !== otherReply.reason);
      headers.replaceChildren(...headerRows(reply, otherReply));
      pre.textContent = reply.body === "" ? "(empty)" : reply.body;
      pre.classList.toggle("differs", !otherReply || reply.body !== otherReply.body);
    }
    const table = section.querySelector(".clients tbody");
    const ids = Object.keys(result.clients);
    table.replaceChildren(...ids.map((id) => {
      const mine = short(summary(id, result.clients[id]));
      return row([id, mine], mine !== short(summary(id, other.clients[id])));
    }));
  }

  function findingItems(verdict) {
    // One line per finding; "Flask and Quart" when the two servers' replies share it.
    const texts = new Map();
    for (const side of SIDES) {
      for (const f of verdict.findings[side]) {
        const text = f.title + ": " + f.detail + " Fix: " + f.fix;
        texts.set(text, texts.has(text) && texts.get(text) !== TITLES[side] ? "Flask and Quart" : TITLES[side]);
      }
    }
    return [...texts].map(([text, where]) => el("li", where + " \u2014 " + text));
  }

  function showVerdict(verdict) {
    const differences = document.getElementById("differences");
    differences.replaceChildren(...(verdict.differences.length ? verdict.differences.map((d) =>
      el("li", d.sentence + (d.explained_by.length ? " \u2014 explained by " + d.explained_by.join(", ") : " \u2014 not explained by the registry"))
    ) : [el("li", "None: both servers sent the same answer (Date and Server aside).")]));
    const entries = document.getElementById("entries");
    entries.replaceChildren(...(verdict.entries.length ? verdict.entries.map((e) => {
      const li = el("li");
      const parts = [e.title];
      if (e.ambient) parts.push("it shows on every answer on the versions this server runs");
      if (e.flask) parts.push("Flask: " + e.flask, "Quart: " + e.quart);
      parts.push("Why: " + e.cause);
      li.append(el("span", e.id, "entry-id"), document.createTextNode(" (" + e.layer + "): " + parts.join(" \u2014 ")));
      return li;
    }) : [el("li", "None needed.")]));
    const items = findingItems(verdict);
    document.getElementById("findings").replaceChildren(...(items.length ? items : [el("li", "None.")]));
    document.getElementById("verdict").hidden = false;
    return items.length;
  }

  function showError(text) {
    const box = document.getElementById("expression-error");
    const input = document.getElementById("expression");
    box.textContent = text;
    box.hidden = !text;
    if (text) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  }

  // Nothing of an earlier run stays on screen once a new one starts.
  function clearResults() {
    showError("");
    for (const id of ["differences", "entries", "findings"]) document.getElementById(id).replaceChildren();
    document.getElementById("verdict").hidden = true;
    document.getElementById("sides").hidden = true;
    for (const side of SIDES) {
      const section = document.getElementById("side-" + side);
      for (const selector of [".headers tbody", ".clients tbody"]) section.querySelector(selector).replaceChildren();
      for (const selector of [".status-line", ".body", ".redirect"]) section.querySelector(selector).textContent = "";
    }
  }

  function ask(side, message) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error("the " + TITLES[side] + " server's frame did not answer within " + RUN_TIMEOUT / 1000 + " s"));
      }, RUN_TIMEOUT);
      waiting.set(id, { side: side, resolve: (value) => { clearTimeout(timer); resolve(value); } });
      frames[side].window.postMessage({ ...message, kind: "parity-run", id: id, token: token }, origins[side]);
    });
  }

  async function explore(expression, method) {
    const status = document.getElementById("status");
    clearResults();
    status.textContent = "Running\u2026";
    const check = await fetch("/_parity/explorer/check?expression=" + encodeURIComponent(expression), { cache: "no-store" });
    if (!check.ok) {
      const refusal = await check.json();
      showError(refusal.error + ": " + refusal.detail);
      status.textContent = "The expression was refused; nothing was sent to the servers.";
      return { refused: refusal };
    }
    const results = {};
    for (const side of SIDES) {
      results[side] = await ask(side, { expression: expression, method: method, clients: clientsFor[method] || [] });
    }
    document.getElementById("sides").hidden = false;
    showSide("flask", results.flask, results.quart);
    showSide("quart", results.quart, results.flask);
    const replies = { flask: results.flask.reply, quart: results.quart.reply };
    const clients = { flask: results.flask.clients, quart: results.quart.clients };
    const missing = SIDES.filter((side) => replies[side] === null);
    if (missing.length) {
      status.textContent = "No verdict: " + missing.map((side) => TITLES[side] + "'s reply did not reach the page (" + results[side].error + ")").join("; ") + ".";
      return { replies: replies, clients: clients, verdict: null };
    }
    const answer = await fetch("/_parity/explorer/explain", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ expression: expression, method: method, flask: replies.flask, quart: replies.quart }),
      cache: "no-store",
    });
    const verdict = await answer.json();
    if (!answer.ok) {
      status.textContent = "No verdict: " + verdict.error + ": " + verdict.detail;
      return { replies: replies, clients: clients, verdict: null };
    }
    const shown = showVerdict(verdict);
    status.textContent = "Done (" + method + "): " + verdict.differences.length + " difference(s), " +
      verdict.entries.length + " registry entr" + (verdict.entries.length === 1 ? "y" : "ies") + ", " + shown + " finding(s).";
    return { replies: replies, clients: clients, verdict: verdict };
  }

  function frameFor(side) {
    const frame = document.createElement("iframe");
    frame.title = TITLES[side] + " server's frame (runs the requests; nothing to see)";
    frame.tabIndex = -1;
    frame.setAttribute("aria-hidden", "true");
    frame.src = origins[side] + FRAME_PATH + "?parent=" + encodeURIComponent(location.origin);
    document.getElementById("frames").append(frame);
    return frame;
  }

  function listen() {
    window.addEventListener("message", (event) => {
      const side = SIDES.find((s) => frames[s] && event.origin === origins[s] && event.source === frames[s].window);
      if (side === undefined || event.data === null || typeof event.data !== "object") return;
      const data = event.data;
      if (data.kind === "parity-frame-ready") frames[side].ready();
      else if (data.kind === "parity-frame-failed") frames[side].failed(new Error(TITLES[side] + "'s frame could not load the clients: " + data.error));
      else if (data.kind === "parity-result" && waiting.has(data.id) && waiting.get(data.id).side === side) {
        const entry = waiting.get(data.id);
        waiting.delete(data.id);
        entry.resolve(data);
      }
    });
  }

  function framesReady() {
    return Promise.all(SIDES.map((side) => new Promise((resolve, reject) => {
      const frame = frameFor(side);
      const timer = setTimeout(() => reject(new Error(TITLES[side] + "'s frame did not load within " + READY_TIMEOUT / 1000 + " s")), READY_TIMEOUT);
      frames[side] = {
        window: frame.contentWindow,
        ready: () => { clearTimeout(timer); resolve(); },
        failed: (error) => { clearTimeout(timer); reject(error); },
      };
    })));
  }

  function refuse(text) {
    showError(text);
    document.getElementById("run").disabled = true;
  }

  async function start() {
    const config = await (await fetch("/_parity/explorer/origins", { cache: "no-store" })).json();
    const template = document.getElementById("side-template");
    for (const side of SIDES) {
      const section = template.content.firstElementChild.cloneNode(true);
      section.id = "side-" + side;
      section.setAttribute("aria-labelledby", "title-" + side);
      const title = section.querySelector("h2");
      title.id = "title-" + side;
      title.textContent = TITLES[side];
      document.getElementById("sides").append(section);
    }
    const select = document.getElementById("scenario");
    const input = document.getElementById("expression");
    const method = document.getElementById("method");
    const form = document.getElementById("explore");
    for (const scenario of config.scenarios) {
      const option = el("option", scenario.id + " \u2014 " + scenario.title);
      option.value = scenario.source;
      select.append(option);
    }
    const pick = () => { if (select.value) { input.value = select.value; method.value = "GET"; } };
    select.addEventListener("change", pick);
    select.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      pick();
      form.requestSubmit();
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    token = new URLSearchParams(location.hash.slice(1)).get("token") || "";
    if (!config.flask || !config.quart) {
      refuse("This server was not started as a pair by `parity serve`, so it does not know the other server.");
      return;
    }
    origins = { flask: config.flask, quart: config.quart };
    if (!Object.values(origins).includes(location.origin)) {
      refuse("Open the explorer at " + origins.flask + "/_parity/explorer (the address `parity serve` printed); the servers' frames answer only that origin.");
      return;
    }
    if (!token) {
      refuse("No token: open the explorer with the address `parity serve` printed, which carries the token after #token=.");
      return;
    }
    setAside = new Set(config.set_aside);
    labHeaders = new Map(config.lab_headers);
    clientsFor = config.clients;
    listen();
    try {
      await framesReady();
    } catch (error) {
      refuse(String(error));
      return;
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (busy) return;
      busy = true;
      document.getElementById("run").disabled = true;
      window.parity.explored = undefined;
      window.parity.running = explore(input.value, method.value).then((found) => {
        window.parity.explored = found;
      }, (error) => {
        clearResults();
        document.getElementById("status").textContent = "Failed: " + String(error);
        window.parity.explored = { failed: String(error) };
      }).finally(() => {
        busy = false;
        document.getElementById("run").disabled = false;
      });
    });
    window.parity.explorerReady = true;
  }

  window.addEventListener("load", () => { start(); });
})();
