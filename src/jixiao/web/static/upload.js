// The upload page: files dropped on the drop zone or chosen with the picker are sent one request
// each to /api/v1/uploads, so every file has its own progress bar (XHR upload progress) and its own
// result row: stored / already stored / refused with the reason / projects and findings.
(function () {
  var form = document.getElementById("upload-form");
  if (!form) { return; }
  var zone = document.getElementById("dropzone");
  var picker = document.getElementById("files");
  var table = document.getElementById("upload-results");
  var title = document.getElementById("results-title");
  var body = table.querySelector("tbody");
  var token = form.querySelector("input[name=csrf_token]").value;
  var queue = [];
  var busy = false;

  function cell(row, text, cls) {
    var td = document.createElement("td");
    if (cls) { td.className = cls; }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function add(file) {
    var row = document.createElement("tr");
    row.setAttribute("data-state", "uploading");
    cell(row, file.name, "file");
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    cell(row, "").appendChild(bar);
    var state = cell(row, form.dataset.uploading, "state");
    var doc = cell(row, "");
    var projects = cell(row, "", "num");
    var findings = cell(row, "", "num");
    body.appendChild(row);
    table.hidden = false; title.hidden = false;
    queue.push({file: file, row: row, bar: bar, state: state, doc: doc, projects: projects, findings: findings});
  }

  function show(job, item) {
    job.row.setAttribute("data-state", item.state);
    job.row.className = "upload-" + item.state;
    job.state.textContent = form.dataset[item.state] + (item.reason ? "：" + item.reason : "");
    if (item.document_id) {
      var link = document.createElement("a");
      link.href = "/documents/" + item.document_id;
      link.textContent = form.dataset.document + " " + item.document_id;
      job.doc.appendChild(link);
    }
    job.projects.textContent = String(item.projects);
    job.findings.textContent = String(item.findings);
  }

  function fail(job, message) {
    job.row.setAttribute("data-state", "failed");
    job.row.className = "upload-refused";
    job.state.textContent = form.dataset.failed + "：" + message;
  }

  function next() {
    var job = queue.shift();
    if (!job) { busy = false; return; }
    busy = true;
    var data = new FormData();
    data.append("files", job.file, job.file.name);
    var status = form.querySelector("select[name=status]");
    if (status) { data.append("status", status.value); }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.dataset.endpoint);
    xhr.setRequestHeader("X-CSRF-Token", token);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        job.bar.value = Math.round(100 * e.loaded / e.total);
        job.state.textContent = form.dataset.uploading + " " + job.bar.value + "%";
      }
    });
    xhr.upload.addEventListener("load", function () {
      job.bar.value = 100;
      job.state.textContent = form.dataset.processing;
    });
    xhr.addEventListener("load", function () {
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (err) { answer = null; }
      job.bar.value = 100;
      if (xhr.status === 200 && answer && answer.items && answer.items.length) {
        show(job, answer.items[0]);
      } else {
        fail(job, (answer && answer.error) || String(xhr.status));
      }
      next();
    });
    xhr.addEventListener("error", function () { fail(job, String(xhr.status)); next(); });
    xhr.send(data);
  }

  function take(files) {
    for (var i = 0; i < files.length; i++) { add(files[i]); }
    if (!busy) { next(); }
  }

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
  zone.addEventListener("drop", function (e) {
    e.preventDefault();
    zone.classList.remove("over");
    if (e.dataTransfer && e.dataTransfer.files) { take(e.dataTransfer.files); }
  });
  picker.addEventListener("change", function () {
    take(picker.files);
    picker.value = "";
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (picker.files && picker.files.length) { take(picker.files); picker.value = ""; }
  });
}());
