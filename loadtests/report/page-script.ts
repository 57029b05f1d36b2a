/**
 * The browser-side script of the report page: reads the embedded JSON and draws the charts with
 * chart.js (inlined UMD build, no network). Animations are off so the page is complete once loaded.
 */
export const PAGE_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;

  function lineChart(id, datasets, xTitle, yTitle, xType, yType) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    new Chart(canvas, {
      type: 'line',
      data: { labels: xType === 'category' ? data.percentiles.labels : undefined, datasets: datasets },
      options: {
        parsing: xType === 'category' ? undefined : false,
        scales: {
          x: { type: xType, title: { display: true, text: xTitle } },
          y: { type: yType || 'linear', beginAtZero: yType !== 'logarithmic', title: { display: true, text: yTitle } }
        },
        plugins: { legend: { position: 'bottom' } }
      }
    });
  }

  function series(label, color, points, extra) {
    var set = { label: label, data: points, borderColor: color, backgroundColor: color, pointRadius: 3, borderWidth: 2 };
    for (var key in extra || {}) set[key] = extra[key];
    return set;
  }

  var p95Sets = data.runs.map(function (r) { return series(r.label, r.color, r.p95); });
  if (data.p95LimitMs !== undefined && data.p95LimitMs !== null) {
    p95Sets.push(series('p95 limit', '#888888',
      [{ x: 0, y: data.p95LimitMs }, { x: data.maxOfferedRps, y: data.p95LimitMs }],
      { borderDash: [6, 4], pointRadius: 0 }));
  }
  lineChart('chart-p95', p95Sets, 'offered rate (requests/s)', 'p95 latency (ms)', 'linear');

  var achievedSets = data.runs.map(function (r) { return series(r.label, r.color, r.achieved); });
  achievedSets.push(series('offered = achieved', '#888888',
    [{ x: 0, y: 0 }, { x: data.maxOfferedRps, y: data.maxOfferedRps }],
    { borderDash: [6, 4], pointRadius: 0 }));
  lineChart('chart-achieved', achievedSets, 'offered rate (requests/s)', 'achieved rate (requests/s)', 'linear');

  lineChart('chart-percentiles', data.percentiles.lines.map(function (l) {
    return series(l.label, l.color, l.values, { pointRadius: 2 });
  }), 'percentile', 'latency (ms, log scale)', 'category', 'logarithmic');

  data.cpu.forEach(function (run, i) {
    lineChart('chart-cpu-' + i, run.lines.map(function (l) {
      return series(l.label, l.color, l.points, { pointRadius: 0 });
    }), 'seconds since the first sample', 'CPU %', 'linear');
  });
})();
`;
