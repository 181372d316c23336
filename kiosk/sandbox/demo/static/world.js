// The demo's world page: polls /api/state and offers the phone's and the cars' buttons.
"use strict";

const POLL_MS = 700;
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "onclick") node.addEventListener("click", value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
};
const kroner = (ore) => (ore == null ? "—" : (ore / 100).toFixed(2) + " NOK");
const kwh = (wh) => (wh == null ? "—" : (wh / 1000).toFixed(3) + " kWh");
const kw = (w) => (w == null ? "—" : (w / 1000).toFixed(2) + " kW");

function setStatus(text, isError) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? "" : JSON.stringify(body),
  });
  let data = null;
  try { data = await response.json(); } catch (_err) { data = null; }
  if (!response.ok) {
    setStatus((data && data.error) || `${path}: HTTP ${response.status}`, true);
  } else {
    setStatus("ok", false);
  }
  await refresh();
  return response.ok;
}

// --- the phone -------------------------------------------------------------------------------

function renderPayments(payments) {
  const pending = document.getElementById("pending");
  const waiting = payments.filter((p) => p.state === "CREATED");
  pending.replaceChildren();
  if (waiting.length === 0) {
    pending.append(el("p", { class: "empty" }, "No payment waiting for approval."));
  }
  for (const p of waiting) {
    const ref = p.reference;
    pending.append(
      el("div", { class: "payment", "data-reference": ref },
        el("p", {}, "Vipps MobilePay asks you to approve ", el("b", {}, kroner(p.amount.value)),
          ` (${ref})`),
        el("button", { class: "primary approve", onclick: () => post(`/api/payments/${ref}/approve`) },
          "Approve"),
        el("button", { class: "decline", onclick: () => post(`/api/payments/${ref}/decline`) },
          "Decline"),
        " ",
        el("a", { href: p.phoneUrl, target: "_blank", rel: "noopener" },
          "Open the QR code's address (phone page)")));
  }
  const body = document.querySelector("#payments tbody");
  body.replaceChildren(...payments.map((p) => el("tr", { "data-reference": p.reference },
    el("td", {}, p.reference), el("td", { class: "state" }, p.state),
    el("td", {}, kroner(p.aggregate.authorizedAmount.value)),
    el("td", {}, kroner(p.aggregate.capturedAmount.value)),
    el("td", {}, kroner(p.aggregate.cancelledAmount.value)))));
}

// --- the cars --------------------------------------------------------------------------------

const cards = new Map();

function carCard(connector) {
  const i = connector.index;
  const soc = el("input", { type: "number", min: "0", max: "100", value: "30",
    "aria-label": `Battery % for connector ${i + 1}` });
  const fields = {};
  const dl = el("dl");
  for (const [key, label] of [["state", "IEC state"], ["car", "Car"], ["power", "Power"],
    ["energy", "Meter"], ["limit", "Current limit"], ["fault", "Fault"]]) {
    fields[key] = el("dd", { class: key });
    dl.append(el("dt", {}, label), fields[key]);
  }
  const card = el("div", { class: "card", id: `connector-${i}` },
    el("h3", {}, `Connector ${connector.id} (socket ${i + 1})`), dl,
    el("div", {},
      el("button", { class: "primary plug", onclick: () => post(`/api/connectors/${i}/plug`,
        { soc_pct: Number(soc.value) }) }, "Plug in a car"),
      el("button", { class: "unplug", onclick: () => post(`/api/connectors/${i}/unplug`) },
        "Unplug")),
    el("div", {}, "Battery ", soc, " % ",
      el("button", { class: "battery", onclick: () => post(`/api/connectors/${i}/battery`,
        { soc_pct: Number(soc.value) }) }, "Set"),
      el("button", { class: "full", onclick: () => post(`/api/connectors/${i}/full`) },
        "Make the car full")),
    el("div", {},
      el("button", { class: "danger fault", onclick: () => post(`/api/connectors/${i}/fault`,
        { state: "F" }) }, "Charger fault"),
      el("button", { class: "clear-fault", onclick: () => post(`/api/connectors/${i}/clear-fault`) },
        "Clear fault")));
  cards.set(i, fields);
  return card;
}

function renderConnectors(charger) {
  const box = document.getElementById("connectors");
  for (const c of charger.connectors) {
    if (!cards.has(c.index)) box.append(carCard(c));
    const f = cards.get(c.index);
    f.state.textContent = c.state + (c.enabled ? " (enabled)" : "");
    f.car.textContent = c.car
      ? `${c.car.soc_pct.toFixed(1)} %${c.car.full ? " (full)" : ""}${c.car.requesting ? ", asking for energy" : ""}`
      : "none";
    f.power.textContent = kw(c.power_w);
    f.energy.textContent = kwh(c.energy_wh);
    f.limit.textContent = c.applied_limit_a.toFixed(1) + " A";
    f.fault.textContent = c.forced_state ? `state ${c.forced_state}` : "none";
  }
}

// --- the kiosk screen (its buttons matter without a window) ----------------------------------

function renderStickers(station) {
  // the phone pages' links: the station publishes its terms page beside them
  const box = document.getElementById("stickers");
  const terms = station && station.terms_url;
  if (!terms || !terms.endsWith("/terms")) { box.hidden = true; return; }
  const base = terms.slice(0, -"/terms".length);
  box.hidden = false;
  document.getElementById("sticker-links").replaceChildren(...station.connectors.flatMap((c, i) =>
    [i ? ", " : "", el("a", { href: `${base}/c/${c.connector_id}`, target: "_blank",
      class: "sticker" }, c.name)]));
}

function renderStation(station) {
  renderStickers(station);
  const section = document.getElementById("kiosk");
  if (!station) { section.hidden = true; return; }
  section.hidden = false;
  const box = document.getElementById("screens");
  box.replaceChildren(...station.connectors.map((c) => {
    const id = c.connector_id;
    const cmd = (name, body) => () => post(`/api/station/${id}/${name}`, body);
    const presets = station.budget.presets_ore.map((ore) =>
      el("button", { class: "budget", onclick: cmd("budget", { amount_ore: ore }) }, kroner(ore)));
    return el("div", { class: "card", id: `screen-${id}` },
      el("h3", {}, `${c.name}: `, el("span", { class: "screen" }, c.screen)),
      el("dl", {},
        el("dt", {}, "Energy"), el("dd", {}, kwh(c.energy_wh)),
        el("dt", {}, "Power"), el("dd", {}, kw(c.power_w)),
        el("dt", {}, "Cost"), el("dd", {}, kroner(c.cost_ore)),
        el("dt", {}, "Paid / released"), el("dd", {}, `${kroner(c.paid_ore)} / ${kroner(c.released_ore)}`)),
      el("div", {}, el("button", { class: "select", onclick: cmd("select") }, "Tap the tile"),
        "Pay: ", ...presets),
      el("div", {},
        el("button", { class: "cancel", onclick: cmd("cancel") }, "Cancel"),
        el("button", { class: "danger stop", onclick: cmd("stop") }, "Stop"),
        el("button", { class: "dismiss", onclick: cmd("dismiss") }, "Done")));
  }));
}

async function refresh() {
  try {
    const response = await fetch("/api/state");
    const state = await response.json();
    if (!response.ok) { setStatus(state.error || `HTTP ${response.status}`, true); return; }
    document.getElementById("vipps-url").textContent = state.vipps_url;
    document.getElementById("vipps-url").href = `${state.vipps_url}/_emulator/payments`;
    document.getElementById("charger-url").textContent = state.charger_url;
    document.getElementById("charger-url").href = `${state.charger_url}/api/status`;
    renderPayments(state.payments);
    renderConnectors(state.charger);
    renderStation(state.station);
    if (document.getElementById("status").className !== "error") setStatus("live", false);
  } catch (_err) {
    setStatus("the demo is not running", true);
  }
}

refresh();
setInterval(refresh, POLL_MS);
