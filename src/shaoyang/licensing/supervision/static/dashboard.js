/* The supervisors' dashboard (监督看板): draws the charts from the figures the page carries as
 * JSON (#supervision-dashboard-data, the same numbers as GET @supervision-dashboard) with the
 * vendored Chart.js. The words come translated in the same JSON. */
(function () {
  "use strict";

  var GREEN = "#2da44e", RED = "#cf222e", AMBER = "#d4a72c", BLUE = "#0969da", GREY = "#8c959f";
  var LEVEL_COLOURS = {
    very_satisfied: "#1a7f37", satisfied: "#2da44e", basic: "#8fd19e",
    dissatisfied: "#fa8c16", very_dissatisfied: RED
  };

  function draw() {
    var source = document.getElementById("supervision-dashboard-data");
    if (!source || typeof window.Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var figures = data.figures, words = data.labels;
    Chart.defaults.font.family = '"PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
    Chart.defaults.maintainAspectRatio = false;
    if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      Chart.defaults.animation = false;
    }

    // An empty chart says so instead of showing bare axes.
    Chart.register({
      id: "noData",
      afterDraw: function (chart) {
        var some = chart.data.datasets.some(function (d) {
          return d.data.some(function (v) { return v !== null && v !== 0; });
        });
        if (chart.data.labels.length && some) { return; }
        var area = chart.chartArea, ctx = chart.ctx;
        ctx.save();
        ctx.fillStyle = GREY;
        ctx.font = "16px " + Chart.defaults.font.family;
        ctx.textAlign = "center";
        ctx.fillText(words.no_data, (area.left + area.right) / 2, (area.top + area.bottom) / 2);
        ctx.restore();
      }
    });

    onTime(figures.zero_overdue.agencies, words);
    processing(figures.processing.items, words);
    histogram(figures.processing.histogram, words);
    levels(figures.evaluations.levels, words);
  }

  // The 零超时 goal across the whole plot, not only between the first and last bar.
  var goalLine = {
    id: "goalLine",
    afterDatasetsDraw: function (chart) {
      var y = chart.scales.y.getPixelForValue(100), area = chart.chartArea, ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = RED;
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(area.left, y);
      ctx.lineTo(area.right, y);
      ctx.stroke();
      ctx.restore();
    }
  };

  function onTime(agencies, words) {
    var canvas = document.getElementById("chart-on-time");
    var labels = agencies.map(function (a) { return a.agency_name; });
    var rates = agencies.map(function (a) { return a.on_time_rate; });
    new Chart(canvas, {
      data: {
        labels: labels,
        datasets: [
          {
            type: "bar", label: words.on_time_rate, data: rates, order: 2, maxBarThickness: 90,
            backgroundColor: rates.map(function (r) { return r === null ? GREY : r >= 100 ? GREEN : r >= 90 ? AMBER : RED; })
          },
          {
            // the 零超时 goal: every case decided in time
            type: "line", label: words.goal, data: labels.map(function () { return 100; }), order: 1,
            borderColor: RED, borderDash: [6, 4], borderWidth: 2, pointRadius: 0, fill: false
          }
        ]
      },
      plugins: [goalLine],
      options: {
        scales: {
          y: {
            min: 0, max: 110, title: { display: true, text: words.on_time_rate },
            ticks: { stepSize: 10, callback: function (v) { return v <= 100 ? v + "%" : ""; } }
          }
        },
        plugins: {
          tooltip: {
            callbacks: {
              afterLabel: function (ctx) {
                if (ctx.datasetIndex !== 0) { return ""; }
                var a = agencies[ctx.dataIndex];
                return words.finished + "：" + a.finished + "（" + a.on_time + "/" + a.finished + "）";
              }
            }
          }
        }
      }
    });
  }

  function processing(items, words) {
    // A box chart from floating bars: whiskers (min–max), the middle half (q1–q3), the median,
    // and the item's limit, one row per item.
    var canvas = document.getElementById("chart-processing");
    var labels = items.map(function (i) { return i.item_title; });
    new Chart(canvas, {
      data: {
        labels: labels,
        datasets: [
          {
            type: "bar", label: words.range, grouped: false, barPercentage: 0.15, order: 3,
            data: items.map(function (i) { return [i.min, i.max]; }), backgroundColor: GREY
          },
          {
            type: "bar", label: words.middle_half, grouped: false, barPercentage: 0.6, order: 2,
            data: items.map(function (i) { return [i.q1, i.q3 === i.q1 ? i.q1 + 0.2 : i.q3]; }),
            backgroundColor: "rgba(9, 105, 218, 0.45)", borderColor: BLUE, borderWidth: 1
          },
          {
            type: "line", label: words.median, showLine: false, order: 1,
            data: items.map(function (i) { return i.median; }),
            pointStyle: "line", pointRadius: 14, pointBorderWidth: 3, borderColor: "#0a3069", backgroundColor: "#0a3069"
          },
          {
            type: "line", label: words.limit, showLine: false, order: 0,
            data: items.map(function (i) { return i.limit_days; }),
            pointStyle: "triangle", pointRadius: 7, borderColor: RED, backgroundColor: RED
          }
        ]
      },
      options: {
        indexAxis: "y",
        scales: { x: { min: 0, title: { display: true, text: words.working_days } } },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (ctx) {
                var i = items[ctx.dataIndex];
                if (ctx.datasetIndex === 0) { return words.range + "：" + i.min + "–" + i.max; }
                if (ctx.datasetIndex === 1) { return words.middle_half + "：" + i.q1 + "–" + i.q3; }
                if (ctx.datasetIndex === 2) { return words.median + "：" + i.median + "（" + words.cases + " " + i.count + "）"; }
                return words.limit + "：" + i.limit_days;
              }
            }
          }
        }
      }
    });
  }

  function histogram(buckets, words) {
    var canvas = document.getElementById("chart-histogram");
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: buckets.map(function (b) { return b.label; }),
        datasets: [{ label: words.cases, data: buckets.map(function (b) { return b.count; }),
                     backgroundColor: BLUE, categoryPercentage: 1.0, barPercentage: 0.95 }]
      },
      options: {
        scales: {
          x: { title: { display: true, text: words.working_days } },
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: words.cases } }
        },
        plugins: { legend: { display: false } }
      }
    });
  }

  function levels(rows, words) {
    var canvas = document.getElementById("chart-levels");
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.title; }),
        datasets: [{ label: words.evaluations, data: rows.map(function (r) { return r.count; }), maxBarThickness: 90,
                     backgroundColor: rows.map(function (r) { return LEVEL_COLOURS[r.level] || GREY; }) }]
      },
      options: {
        scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: words.evaluations } } },
        plugins: { legend: { display: false } }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
