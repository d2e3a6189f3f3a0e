// The HTML report's script (modules/replay/html/render.ts inlines it after uPlot): draws one chart per
// alarm from the JSON block #trailwatch-data. Plain browser JavaScript, no network, no innerHTML: every
// label it draws comes from the JSON block, and uPlot writes text with textContent.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('trailwatch-data').textContent);
  var FILL = { ALARM: 'rgba(220, 38, 38, 0.20)', INSUFFICIENT_DATA: 'rgba(107, 114, 128, 0.14)', OK: 'rgba(22, 163, 74, 0.07)' };
  var utc = function (ts) {
    return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');
  };
  // `2026-10-01T08:12:00Z` -> date `2026-10-01`, time `08:12` (or `08:12:30` under a minute apart).
  var iso = function (ts) {
    return new Date(ts * 1000).toISOString();
  };
  function timeTicks(u, splits, axis, space, incr) {
    var previousDay = '';
    return splits.map(function (ts) {
      var s = iso(ts);
      var day = s.slice(0, 10);
      if (incr >= 86400) return day;
      var time = incr < 60 ? s.slice(11, 19) : s.slice(11, 16);
      var label = day !== previousDay ? time + '\n' + day : time;
      previousDay = day;
      return label;
    });
  }
  function timeValue(u, ts) {
    return ts == null ? '--' : iso(ts).replace('.000Z', 'Z');
  }

  // The alarm's states as bands behind the series: INSUFFICIENT_DATA until the first transition.
  function stateBands(chart) {
    return function (u) {
      var ctx = u.ctx;
      var box = u.bbox;
      var left = u.scales.x.min;
      var right = u.scales.x.max;
      var state = 'INSUFFICIENT_DATA';
      var from = left;
      var draw = function (s, a, b) {
        if (b <= a) return;
        var x0 = Math.max(box.left, u.valToPos(a, 'x', true));
        var x1 = Math.min(box.left + box.width, u.valToPos(b, 'x', true));
        if (x1 <= x0) return;
        ctx.fillStyle = FILL[s];
        ctx.fillRect(x0, box.top, Math.max(1, x1 - x0), box.height);
      };
      ctx.save();
      for (var i = 0; i < chart.states.length; i++) {
        var t = chart.states[i][0] / 1000;
        draw(state, from, Math.min(t, right));
        state = chart.states[i][1];
        from = Math.max(t, left);
      }
      draw(state, from, right);
      ctx.restore();
    };
  }

  function build(chart, el) {
    var xs = [];
    var threshold = [];
    for (var i = 0; i < chart.values.length; i++) {
      xs.push((chart.start + i * chart.bucketMs) / 1000);
      threshold.push(chart.threshold);
    }
    var first = chart.start / 1000;
    var last = (chart.start + Math.max(1, chart.values.length) * chart.bucketMs) / 1000;
    var opts = {
      width: Math.max(320, el.clientWidth),
      height: 200,
      padding: [10, 28, 0, 0],
      tzDate: utc,
      legend: { live: true },
      cursor: { sync: { key: 'trailwatch' }, drag: { x: true, y: false } },
      scales: {
        x: { time: true, range: [first - chart.bucketMs / 1000, last] },
        y: {
          range: function (u, min, max) {
            var top = Math.max(max || 0, chart.threshold);
            return [0, top + Math.max(1, Math.ceil(top * 0.15))];
          },
        },
      },
      series: [
        { label: 'time (UTC)', value: timeValue },
        {
          label: chart.label,
          stroke: '#1d4ed8',
          fill: 'rgba(29, 78, 216, 0.08)',
          width: 1.5,
          spanGaps: false,
          paths: uPlot.paths.stepped({ align: 1 }),
          points: { show: chart.values.length <= 120, size: 4 },
        },
        { label: chart.below ? 'threshold (alarm below)' : 'threshold', stroke: '#dc2626', dash: [6, 4], width: 1, points: { show: false } },
      ],
      axes: [{ values: timeTicks }, { label: chart.axis, labelSize: 18, size: 48 }],
      hooks: { drawClear: [stateBands(chart)] },
    };
    return new uPlot(opts, [xs, chart.values, threshold], el);
  }

  var plots = [];
  data.charts.forEach(function (chart) {
    var el = document.querySelector('figure[data-chart="' + chart.id + '"]');
    if (el) plots.push({ el: el, plot: build(chart, el) });
  });
  var resizing = 0;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      plots.forEach(function (p) {
        p.plot.setSize({ width: Math.max(320, p.el.clientWidth), height: 200 });
      });
    }, 100);
  });
  // For the browser console and the tests: the uPlot instances, in the order of the page's charts.
  window.trailwatchCharts = plots.map(function (p) {
    return p.plot;
  });
  document.body.setAttribute('data-charts-drawn', String(plots.length));
})();
