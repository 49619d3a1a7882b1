"use strict";
// Renders the statistics overview and keeps it live: GET /api/v1/stats/overview with the analyst's token, every refresh period.
const counts = new Intl.NumberFormat("it-IT");
const PALETTE = ["#0b5394", "#b35900", "#38761d", "#741b47", "#134f5c", "#7f6000", "#5b0f00", "#20124d"];
let seriesChart;
let categoriesChart;

function percent(share) {
  return (share * 100).toFixed(1) + " %";
}

function cell(text, field) {
  const td = document.createElement("td");
  td.textContent = text;
  if (field) td.dataset.field = field;
  return td;
}

function renderChannels(overview) {
  const ytd = overview.yearToDate;
  const channels = [...new Set([...Object.keys(ytd.channels), ...Object.keys(overview.today.channels),
    ...Object.keys(overview.lastHour.channels)])].sort();
  const rows = channels.map((channel) => {
    const tr = document.createElement("tr");
    tr.dataset.channel = channel;
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = channel;
    tr.append(th,
      cell(counts.format(overview.lastHour.channels[channel] || 0), "lastHour"),
      cell(counts.format(overview.today.channels[channel] || 0), "today"),
      cell(counts.format(ytd.channels[channel] || 0), "yearToDate"),
      cell(percent(ytd.shares[channel] || 0), "share"));
    return tr;
  });
  document.getElementById("channel-rows").replaceChildren(...rows);
  document.querySelector('[data-total="lastHour"]').textContent = counts.format(overview.lastHour.total);
  document.querySelector('[data-total="today"]').textContent = counts.format(overview.today.total);
  document.querySelector('[data-total="yearToDate"]').textContent = counts.format(ytd.total);
  return channels;
}

function renderRates(overview) {
  document.getElementById("urgent-share").textContent = percent(overview.categories.urgentShare);
  document.getElementById("repeat-rate").textContent = percent(overview.journeys.repeatRate);
  document.getElementById("switch-rate").textContent = percent(overview.journeys.switchRate);
  const pairs = Object.entries(overview.journeys.switchesByPair).map(([pair, n]) => {
    const li = document.createElement("li");
    li.dataset.pair = pair;
    li.textContent = pair.replace(">", " → ") + ": " + counts.format(n);
    return li;
  });
  document.getElementById("switch-pairs").replaceChildren(...pairs);
}

function renderMilan(overview) {
  const rows = overview.yearToDate.milan.map((figure) => {
    const tr = document.createElement("tr");
    const th = document.createElement("th");
    th.scope = "row";
    th.textContent = figure.channels.join(" + ");
    const published = figure.annualLow === figure.annualHigh ? counts.format(figure.annualHigh)
      : counts.format(figure.annualLow) + "–" + counts.format(figure.annualHigh);
    tr.append(th, cell(counts.format(figure.yearToDate)), cell(counts.format(figure.projectedAnnual)), cell("~" + published));
    return tr;
  });
  document.getElementById("milan-rows").replaceChildren(...rows);
}

function renderCharts(overview, channels) {
  if (!window.Chart) return;
  // the API lists only minutes with contacts; the chart shows every minute of the hour
  const byStart = new Map(overview.perMinute.series.map((w) => [Date.parse(w.start), w.channels]));
  const minutes = [];
  for (let t = Date.parse(overview.perMinute.from); t <= Date.parse(overview.generatedAt); t += 60000) minutes.push(t);
  const labels = minutes.map((t) => new Date(t).toLocaleTimeString("it-IT", { hour: "2-digit", minute: "2-digit" }));
  const datasets = channels.map((channel, i) => ({
    label: channel,
    data: minutes.map((t) => (byStart.get(t) || {})[channel] || 0),
    borderColor: PALETTE[i % PALETTE.length],
    backgroundColor: PALETTE[i % PALETTE.length],
    tension: 0.2,
  }));
  if (!seriesChart) {
    seriesChart = new Chart(document.getElementById("series-chart"), {
      type: "line",
      data: { labels, datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
    });
  } else {
    seriesChart.data.labels = labels;
    seriesChart.data.datasets = datasets;
    seriesChart.update();
  }
  const categories = overview.categories.categories;
  const names = Object.keys(categories);
  const values = names.map((name) => categories[name]);
  if (!categoriesChart) {
    categoriesChart = new Chart(document.getElementById("categories-chart"), {
      type: "bar",
      data: { labels: names, datasets: [{ label: "contatti instradati", data: values, backgroundColor: PALETTE[0] }] },
      options: { animation: false, indexAxis: "y", responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } },
    });
  } else {
    categoriesChart.data.labels = names;
    categoriesChart.data.datasets[0].data = values;
    categoriesChart.update();
  }
  const items = names.map((name) => {
    const li = document.createElement("li");
    li.textContent = name + ": " + counts.format(categories[name]);
    return li;
  });
  document.getElementById("category-list").replaceChildren(...items);
}

function showStatus(text) {
  document.getElementById("status").textContent = text;
}

function render(overview) {
  const channels = renderChannels(overview);
  renderRates(overview);
  renderMilan(overview);
  renderCharts(overview, channels);
  document.body.dataset.generatedAt = overview.generatedAt;
  showStatus("In diretta · aggiornato alle " + new Date(overview.generatedAt).toLocaleTimeString("it-IT"));
}

/** Asks for the figures; true while it makes sense to ask again. */
async function refresh() {
  try {
    const response = await fetch("/api/v1/stats/overview", { headers: { authorization: "Bearer " + await SignIn.accessToken() } });
    if (response.status === 401) {
      await SignIn.restart();
    } else if (response.status === 403) {
      showStatus("Il tuo account non ha il ruolo di analista: le statistiche non sono visibili.");
      return false;
    } else if (response.ok) {
      render(await response.json());
    } else {
      showStatus("Statistiche momentaneamente non disponibili, nuovo tentativo…");
    }
  } catch (e) {
    showStatus("Riconnessione…");
  }
  return true;
}

async function main() {
  const config = await (await fetch("/api/v1/dashboard/sign-in")).json();
  try {
    await SignIn.start(config);
  } catch (e) {
    showStatus(e.message);
    const again = document.getElementById("sign-in");
    again.hidden = false;
    again.onclick = () => SignIn.restart();
    return;
  }
  const signOut = document.getElementById("sign-out");
  signOut.hidden = false;
  signOut.onclick = () => SignIn.signOut();
  while (await refresh()) {
    await new Promise((resolve) => setTimeout(resolve, config.refreshMillis));
  }
}

main();
