// The sandbox page: polls the chat of the chosen persona from /api/state
// and draws it like Telegram; clicks and typing go to the small JSON API,
// which acts as that Telegram user. Everything the bot wrote is drawn with
// DOM nodes and text nodes, never parsed as HTML, so no text can become
// markup.
"use strict";
(function () {
  const POLL_MS = 500;
  const $ = (id) => document.getElementById(id);

  let personas = [];
  let current = "";       // key of the persona whose chat is shown
  let lastView = "";      // JSON of what was last drawn, to redraw only on change
  let lastCount = 0;      // messages drawn, to scroll down when more arrive
  let lastState = null;
  const seen = {};        // bot messages per persona when last looked at
  let clockSet = false;   // the date input got its first value

  // el makes an element; attrs are attributes (or on* handlers), children
  // are nodes or strings (which become text nodes).
  function el(tag, attrs, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith("on")) n.addEventListener(k.slice(2), v);
      else n.setAttribute(k, v === true ? "" : String(v));
    }
    n.append(...children);
    return n;
  }

  async function api(method, url, body) {
    const opts = { method, headers: {} };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    const r = await fetch(url, opts);
    const data = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(data.error || r.status + " " + r.statusText);
    return data;
  }

  let statusTimer = null;
  function showStatus(text) {
    const s = $("status");
    s.textContent = text;
    s.hidden = false;
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => { s.hidden = true; }, 5000);
  }

  // --- polling -----------------------------------------------------------
  let timer = null, inflight = false, again = false;
  async function refresh() {
    if (inflight) { again = true; return; }
    inflight = true;
    clearTimeout(timer);
    try {
      const key = current;
      const st = await api("GET", "/api/state?persona=" + encodeURIComponent(key));
      if (st.persona === current) render(st);
    } catch (e) {
      showStatus("The sandbox does not answer: " + e.message);
    } finally {
      inflight = false;
      if (again) { again = false; refresh(); } else timer = setTimeout(refresh, POLL_MS);
    }
  }

  function render(st) {
    lastState = st;
    $("clock-now").textContent = st.now_text;
    $("clock-now").dataset.now = st.now;
    if (!clockSet) {
      // A day ahead at the same time, in the bot's zone: st.now is that
      // zone's local time with its offset, so its digits are used as such.
      const d = /^(\d+)-(\d+)-(\d+)T(\d+):(\d+)/.exec(st.now);
      if (d) {
        const t = new Date(Date.UTC(+d[1], +d[2] - 1, +d[3] + 1, +d[4], +d[5]));
        $("clock-to-input").value = t.toISOString().slice(0, 16);
      }
      clockSet = true;
    }
    seen[st.persona] = st.counts[st.persona];
    for (const p of personas) {
      if (seen[p.key] === undefined) seen[p.key] = st.counts[p.key];
      const badge = document.querySelector('[data-persona="' + p.key + '"] .badge');
      const unread = st.counts[p.key] - seen[p.key];
      badge.textContent = unread > 0 ? String(unread) : "";
      badge.hidden = unread <= 0;
    }
    const view = JSON.stringify([st.persona, st.messages, st.keyboard, st.commands]);
    if (view === lastView) return;
    lastView = view;
    const box = $("messages");
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
    const fresh = box.dataset.persona !== current;
    drawMessages(st.messages);
    drawKeyboard(st.keyboard);
    drawMenu(st.commands);
    // After the keyboard, which takes height from the messages.
    stick = fresh || atBottom || st.messages.length > lastCount;
    keepDown();
    lastCount = st.messages.length;
    document.documentElement.dataset.ready = "true";
  }

  // keepDown scrolls the chat to its end when it was there before the last
  // redraw; pictures call it again once loaded, as they add height.
  let stick = true;
  function keepDown() {
    if (stick) $("messages").scrollTop = $("messages").scrollHeight;
  }

  // --- messages ----------------------------------------------------------
  function drawMessages(msgs) {
    const box = $("messages");
    box.replaceChildren();
    let day = "";
    for (const m of msgs) {
      if (m.day !== day) {
        day = m.day;
        box.append(el("div", { class: "day", "data-testid": "day" }, day));
      }
      box.append(drawMessage(m));
    }
    box.dataset.persona = current;
    box.dataset.count = String(msgs.length);
  }

  function drawMessage(m) {
    const bubble = el("div", { class: "bubble" });
    if (m.photo) {
      bubble.append(el("a", { href: m.photo.url, target: "_blank", rel: "noopener" },
        el("img", { src: m.photo.url, alt: m.photo.name || "photo", "data-testid": "photo", onload: keepDown })));
    }
    if (m.document) {
      bubble.append(el("a", { class: "doc", href: m.document.url, download: m.document.name, "data-testid": "document-link" },
        el("span", { class: "icon" }, (m.document.name.split(".").pop() || "file").toUpperCase().slice(0, 4)),
        el("span", {}, m.document.name)));
    }
    if (m.contact) bubble.append(el("span", { "data-testid": "contact" }, "📞 " + m.contact));
    if (m.attachment) bubble.append(el("i", {}, "[" + m.attachment + "]"));
    const text = el("span", { class: "text", "data-testid": "message-text" });
    drawText(text, m.text, m.entities || []);
    bubble.append(text);
    // Last and floated right: on the last line when it fits, as in Telegram.
    bubble.append(el("span", { class: "meta" }, (m.edited ? "edited " : "") + m.time));
    const wrap = el("div", {
      class: "msg " + m.from, "data-testid": "message", "data-message-id": m.id,
      "data-from": m.from, "data-edited": m.edited ? "true" : "false",
    }, bubble);
    if (m.buttons && m.buttons.length) {
      const kb = el("div", { class: "inline-keyboard" });
      for (const row of m.buttons) {
        const r = el("div", { class: "inline-row" });
        for (const b of row) {
          if (b.url) {
            r.append(el("a", { class: "inline-button", href: safeURL(b.url) || "#", target: "_blank", rel: "noopener noreferrer",
              "data-testid": "inline-button", "data-text": b.text }, b.text + " ↗"));
          } else {
            r.append(el("button", { type: "button", class: "inline-button", "data-testid": "inline-button",
              "data-text": b.text, "data-message-id": m.id, onclick: () => press(m.id, b.data) }, b.text));
          }
        }
        kb.append(r);
      }
      wrap.append(kb);
    }
    return wrap;
  }

  function safeURL(u) {
    return /^(https?:|mailto:|tel:)/i.test(u) ? u : "";
  }

  // drawText appends text formatted by its entities to parent. Offsets are
  // UTF-16 code units, as JavaScript strings index. Entities nest; one
  // that overlaps the end of its enclosing entity is cut there.
  function drawText(parent, text, entities) {
    const ents = entities.slice().sort((a, b) => a.offset - b.offset || b.length - a.length);
    build(parent, text, 0, text.length, ents);
  }

  function build(parent, text, start, end, ents) {
    let pos = start, i = 0;
    while (i < ents.length) {
      const e = ents[i];
      const s = Math.max(e.offset, pos), t = Math.min(e.offset + e.length, end);
      if (s >= t) { i++; continue; }
      if (s > pos) parent.append(text.slice(pos, s));
      let j = i + 1;
      const inner = [];
      while (j < ents.length && ents[j].offset < t) inner.push(ents[j++]);
      const node = entityNode(e, text.slice(s, t));
      build(node, text, s, t, inner);
      parent.append(node);
      pos = t;
      i = j;
    }
    if (pos < end) parent.append(text.slice(pos, end));
  }

  function entityNode(e, str) {
    switch (e.type) {
      case "bold": return el("b");
      case "italic": return el("i");
      case "underline": return el("u");
      case "strikethrough": return el("s");
      case "code": return el("code");
      case "pre": return el("pre");
      case "blockquote": case "expandable_blockquote": return el("blockquote");
      case "spoiler": {
        const n = el("span", { class: "spoiler" });
        n.addEventListener("click", () => n.classList.add("shown"));
        return n;
      }
      case "text_link": {
        const href = safeURL(e.url);
        return href ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }) : el("span", { class: "link" });
      }
      case "url": return el("a", { href: /^https?:/i.test(str) ? str : "http://" + str, target: "_blank", rel: "noopener noreferrer" });
      case "email": return el("a", { href: "mailto:" + str });
      case "phone_number": return el("a", { href: "tel:" + str });
      case "bot_command": return el("span", { class: "cmd", "data-testid": "bot-command", onclick: () => send(str) });
      default: return el("span", { class: e.type });
    }
  }

  // --- reply keyboard and command menu -----------------------------------
  function drawKeyboard(rows) {
    const kb = $("keyboard");
    kb.replaceChildren();
    for (const row of rows) {
      const r = el("div", { class: "keyboard-row" });
      for (const b of row) {
        r.append(el("button", { type: "button", class: "keyboard-button", "data-testid": "keyboard-button",
          "data-text": b.text, "data-contact": b.contact ? "true" : "false", onclick: () => tapKeyboard(b.text) },
          b.text));
      }
      kb.append(r);
    }
    kb.hidden = rows.length === 0;
  }

  function drawMenu(cmds) {
    $("menu-button").hidden = cmds.length === 0;
    filterMenu();
  }

  // filterMenu shows the commands matching what is typed after "/", or
  // all of them when the menu button opened it.
  let menuOpen = false;
  function filterMenu() {
    const menu = $("menu");
    const typed = $("composer-input").value;
    const cmds = lastState ? lastState.commands : [];
    const prefix = typed.startsWith("/") && !typed.includes(" ") ? typed.slice(1).toLowerCase() : null;
    const show = cmds.filter((c) => prefix !== null ? c.command.startsWith(prefix) : menuOpen);
    menu.replaceChildren(...show.map((c) => el("button", {
      type: "button", class: "menu-item", "data-testid": "menu-command", "data-command": c.command,
      onclick: () => { menuOpen = false; send("/" + c.command); },
    }, el("span", { class: "c" }, "/" + c.command), el("span", { class: "d" }, c.description))));
    menu.hidden = show.length === 0;
  }

  // --- actions -------------------------------------------------------------
  async function act(url, body) {
    try {
      await api("POST", url, body);
    } catch (e) {
      showStatus(e.message);
    }
    refresh();
  }

  function send(text) {
    $("composer-input").value = "";
    filterMenu();
    return act("/api/send", { persona: current, text });
  }
  // A button belongs to the chat it is drawn in, which may still be the
  // last persona's for a moment after switching: press it as that one.
  const shown = () => $("messages").dataset.persona || current;
  const press = (message, data) => act("/api/press", { persona: shown(), message, data });
  const tapKeyboard = (text) => act("/api/keyboard", { persona: shown(), text });

  async function moveClock(body) {
    const buttons = document.querySelectorAll(".clock button");
    buttons.forEach((b) => { b.disabled = true; });
    $("clock-status").textContent = "Memajukan jam…";
    try {
      const r = await api("POST", "/api/clock", body);
      $("clock-now").textContent = r.now_text;
      let text = "Sekarang " + r.now_text + " · " + r.messages + " pesan terjadwal dikirim";
      if (r.deferred > 0) text += " · " + r.deferred + " menunggu pagi (jam tenang)";
      $("clock-status").textContent = text;
    } catch (e) {
      $("clock-status").textContent = e.message;
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
      clockSet = false; // suggest a day after the new time
      refresh();
    }
  }

  function choose(key) {
    if (!personas.some((p) => p.key === key)) key = personas[0].key;
    current = key;
    if (location.hash !== "#" + key) history.replaceState(null, "", "#" + key);
    document.body.dataset.persona = key;
    const p = personas.find((x) => x.key === key);
    $("persona-name").textContent = p.name;
    for (const b of document.querySelectorAll(".persona")) {
      b.setAttribute("aria-pressed", b.dataset.persona === key ? "true" : "false");
    }
    menuOpen = false;
    lastView = "";
    refresh();
    $("composer-input").focus();
  }

  const roleNames = { "": "Pemilik IKM", staff: "Staf Dinas", mentor: "Mentor", admin: "Admin" };
  const colors = ["#e17076", "#7bc862", "#e5ca77", "#65aadd", "#a695e7", "#ee7aae", "#6ec9cb", "#faa774"];

  async function init() {
    const info = await api("GET", "/api/personas");
    personas = info.personas;
    $("data-note").textContent = info.in_memory
      ? "The real bot with made-up users and a fake Telegram. Data lives in memory, for trying out only: it is lost when the sandbox stops."
      : "The real bot with made-up users and a fake Telegram. Data is kept in the Redis of REDIS_URL.";
    $("personas").replaceChildren(...personas.map((p, i) => el("button", {
      type: "button", class: "persona", "data-testid": "persona-" + p.key, "data-persona": p.key,
      "aria-pressed": "false", onclick: () => choose(p.key),
    },
    el("span", { class: "pic", style: "background:" + colors[i % colors.length] }, p.name.split(" ").map((w) => w[0]).join("").slice(0, 2)),
    el("span", { class: "who" },
      el("span", { class: "name" }, p.name),
      el("span", { class: "about" }, (roleNames[p.role] || p.role) + " · " + p.about)),
    el("span", { class: "badge", hidden: true }))));

    $("composer").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const text = $("composer-input").value.trim();
      if (text) send(text);
    });
    $("composer-input").addEventListener("input", filterMenu);
    $("menu-button").addEventListener("click", () => { menuOpen = !menuOpen; filterMenu(); });
    for (const b of document.querySelectorAll("[data-add]")) {
      b.addEventListener("click", () => moveClock({ add: b.dataset.add }));
    }
    $("clock-to-form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      moveClock({ to: $("clock-to-input").value });
    });
    window.addEventListener("hashchange", () => choose(location.hash.slice(1)));
    choose(location.hash.slice(1));
  }

  init().catch((e) => showStatus("Cannot start the page: " + e.message));
})();
