// Dashboard charts (ECharts, served from the package). Data comes from the page (same as /api/v1/stats).
document.addEventListener("DOMContentLoaded", function () {
  var stats = JSON.parse(document.getElementById("stats").textContent);
  var font = {fontFamily: "Noto Sans CJK SC, sans-serif"};
  function bar(id, labels, values, color) {
    var chart = echarts.init(document.getElementById(id), null, {renderer: "svg"});
    chart.setOption({textStyle: font, tooltip: {}, grid: {left: 220, right: 20, top: 10, bottom: 30},
      xAxis: {type: "value", minInterval: 1}, yAxis: {type: "category", data: labels, inverse: true},
      series: [{type: "bar", data: values, itemStyle: {color: color}}], animation: false});
    window.addEventListener("resize", function () { chart.resize(); });
  }
  var rules = {};  // "CODE 中文名" (label) -> count, summed over severities
  stats.findings_by_rule.forEach(function (r) {
    var key = r.label || r.rule;
    rules[key] = (rules[key] || 0) + r.count;
  });
  var ruleNames = Object.keys(rules).sort();
  bar("chart-rules", ruleNames, ruleNames.map(function (k) { return rules[k]; }), "#c23531");
  bar("chart-units", stats.findings_by_unit.map(function (u) { return u.name || u.unit || "未知单位"; }),
      stats.findings_by_unit.map(function (u) { return u.count; }), "#2f4554");
  var pie = echarts.init(document.getElementById("chart-mix"), null, {renderer: "svg"});
  pie.setOption({textStyle: font, tooltip: {trigger: "item"}, animation: false,
    legend: {bottom: 0, textStyle: font},
    series: [{type: "pie", radius: ["30%", "55%"], center: ["50%", "45%"],
      label: {formatter: "{b}\n{c}", overflow: "none"}, labelLine: {length: 8, length2: 6},
      data: stats.indicators_by_category.map(function (c) { return {name: c.category, value: c.count}; })}]});
  window.addEventListener("resize", function () { pie.resize(); });
  document.body.dataset.chartsReady = "1";
});
