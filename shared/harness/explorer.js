// The explorer page: sends one return expression to both servers' /render, shows what each
// sent (status, every header, the body as text) and what each client did, run live here, then
// asks this server for the verdict on the two replies (differences, registry entries,
// findings). Everything from a response is set as textContent, never as markup.
"use strict";

(function () {
  const SIDES = ["flask", "quart"];
  const CLIENT_IDS = ["fetch", "jquery3-guess", "jquery3-json", "jquery4-guess", "jquery4-json", "axios", "htmx"];
  let origins = { flask: null, quart: null };
  let setAside = new Set();

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

  function renderUrl(origin, expression) {
    return origin + "/render?expression=" + encodeURIComponent(expression);
  }

  async function rawReply(url) {
    const response = await fetch(url, { cache: "no-store" });
    const headers = [];
    response.headers.forEach((value, name) => headers.push([name, value]));
    return { status: response.status, reason: response.statusText, headers: headers, body: await response.text() };
  }

  function kindOf(described) {
    if (!described) return "";
    return described.kind === "string" ? "string " + JSON.stringify(described.value) : described.kind;
  }

  // One line per client, in words; the same words on both sides mean the same behaviour.
  function summary(id, r) {
    if (r.threw) return "threw " + r.threw;
    if (id === "fetch") {
      return (r.ok ? "ok " : "not ok ") + r.status + " " + JSON.stringify(r.statusText) +
        "; json() " + (r.jsonResolves ? "gives " + kindOf(r.json) : "rejects") +
        "; content-type " + JSON.stringify(r.contentType);
    }
    if (id.startsWith("jquery")) {
      return r.callback + " (" + r.textStatus + "), data " + kindOf(r.data) +
        (r.errorThrown ? ", errorThrown " + JSON.stringify(r.errorThrown) : "");
    }
    if (id === "axios") {
      return r.settled + (r.code ? " (" + r.code + ")" : "") + ", data " + kindOf(r.data);
    }
    return (r.swapped ? "swapped" : "not swapped") + "; events " + (r.events.join(", ") || "none");
  }

  function short(text) {
    return text.length > 160 ? text.slice(0, 160) + "\u2026" : text;
  }

  function showSide(side, reply, clients, other, otherClients) {
    const section = document.getElementById("side-" + side);
    section.querySelector(".origin").textContent = origins[side];
    const line = section.querySelector(".status-line");
    line.textContent = reply.status + " " + (reply.reason === "" ? "(no reason phrase)" : reply.reason);
    line.classList.toggle("differs", reply.status !== other.status || reply.reason !== other.reason);
    const theirs = new Map(other.headers);
    const headers = section.querySelector(".headers tbody");
    headers.replaceChildren(...reply.headers.map(([name, value]) =>
      row([name, value], theirs.get(name) !== value, setAside.has(name))));
    const pre = section.querySelector(".body");
    pre.textContent = reply.body === "" ? "(empty)" : reply.body;
    pre.classList.toggle("differs", reply.body !== other.body);
    const table = section.querySelector(".clients tbody");
    table.replaceChildren(...CLIENT_IDS.map((id) => {
      const mine = short(summary(id, clients[id]));
      return row([id, mine], mine !== short(summary(id, otherClients[id])));
    }));
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
      if (e.flask) parts.push("Flask: " + e.flask, "Quart: " + e.quart);
      parts.push("Why: " + e.cause);
      li.append(el("span", e.id, "entry-id"), document.createTextNode(" (" + e.layer + "): " + parts.join(" \u2014 ")));
      return li;
    }) : [el("li", "None needed.")]));
    const findings = document.getElementById("findings");
    // One line per finding; "both" when the two servers' replies share it.
    const texts = new Map();
    for (const side of SIDES) {
      for (const f of verdict.findings[side]) {
        const text = f.title + ": " + f.detail + " Fix: " + f.fix;
        texts.set(text, texts.has(text) ? "Flask and Quart" : side === "flask" ? "Flask" : "Quart");
      }
    }
    const items = [...texts].map(([text, where]) => el("li", where + " \u2014 " + text));
    findings.replaceChildren(...(items.length ? items : [el("li", "None.")]));
    document.getElementById("verdict").hidden = false;
  }

  function showError(text) {
    const box = document.getElementById("expression-error");
    const input = document.getElementById("expression");
    box.textContent = text;
    box.hidden = !text;
    if (text) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  }

  async function explore(expression) {
    const status = document.getElementById("status");
    showError("");
    status.textContent = "Running\u2026";
    const check = await fetch("/_parity/explorer/check?expression=" + encodeURIComponent(expression), { cache: "no-store" });
    if (!check.ok) {
      const refusal = await check.json();
      showError(refusal.error + ": " + refusal.detail);
      status.textContent = "The expression was refused; nothing was sent to the servers.";
      return;
    }
    const replies = {};
    const clients = {};
    for (const side of SIDES) {
      const url = renderUrl(origins[side], expression);
      replies[side] = await rawReply(url);
      clients[side] = await window.parity.runAt(url, "GET", {}, CLIENT_IDS);
    }
    document.getElementById("sides").hidden = false;
    showSide("flask", replies.flask, clients.flask, replies.quart, clients.quart);
    showSide("quart", replies.quart, clients.quart, replies.flask, clients.flask);
    const answer = await fetch("/_parity/explorer/explain", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ expression: expression, flask: replies.flask, quart: replies.quart }),
      cache: "no-store",
    });
    const verdict = await answer.json();
    if (!answer.ok) {
      status.textContent = "No verdict: " + verdict.error + ": " + verdict.detail;
      return;
    }
    showVerdict(verdict);
    status.textContent = "Done: " + verdict.differences.length + " difference(s), " +
      (verdict.findings.flask.length + verdict.findings.quart.length) + " finding(s).";
    window.parity.explored = { replies: replies, clients: clients, verdict: verdict };
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
      title.textContent = side === "flask" ? "Flask" : "Quart";
      document.getElementById("sides").append(section);
    }
    const select = document.getElementById("scenario");
    const input = document.getElementById("expression");
    for (const scenario of config.scenarios) {
      const option = el("option", scenario.id + " \u2014 " + scenario.title);
      option.value = scenario.source;
      select.append(option);
    }
    select.addEventListener("change", () => { if (select.value) input.value = select.value; });
    const form = document.getElementById("explore");
    // The seeds are listed first: missing client files leave them readable, and say why.
    try {
      await window.parity.ready;
    } catch (error) {
      showError("The browser client files did not load (" + String(error) + "): run npm ci, then pip install ., and restart parity serve.");
      document.getElementById("run").disabled = true;
      return;
    }
    if (!config.flask || !config.quart) {
      showError("This server was not started as a pair by `parity serve`, so it does not know the other server.");
      document.getElementById("run").disabled = true;
      return;
    }
    origins = { flask: config.flask, quart: config.quart };
    setAside = new Set(config.set_aside);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      window.parity.running = explore(input.value).catch((error) => {
        document.getElementById("status").textContent = "Failed: " + String(error);
      });
    });
    window.parity.explorerReady = true;
  }

  window.addEventListener("load", () => { start(); });
})();
