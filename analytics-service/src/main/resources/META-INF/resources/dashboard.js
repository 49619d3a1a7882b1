"use strict";
// Renders the statistics overview and keeps it live from the server-sent events of /api/v1/stats/stream.
const counts = new Intl.NumberFormat();
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
  const labels = minutes.map((t) => new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
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
      data: { labels: names, datasets: [{ label: "routed contacts", data: values, backgroundColor: PALETTE[0] }] },
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

function render(overview) {
  const channels = renderChannels(overview);
  renderRates(overview);
  renderMilan(overview);
  renderCharts(overview, channels);
  document.body.dataset.generatedAt = overview.generatedAt;
  document.getElementById("status").textContent = "Live · updated " + new Date(overview.generatedAt).toLocaleTimeString();
}

const events = new EventSource("/api/v1/stats/stream");
events.onmessage = (event) => render(JSON.parse(event.data));
events.onerror = () => {
  document.getElementById("status").textContent = "Reconnecting…";
};
