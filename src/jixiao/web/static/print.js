// The 打印 button of the download menu (no inline handlers: the Content-Security-Policy forbids them).
// HTMX may load this script again with new search results: the listener is added once.
if (!window.jixiaoPrint) {
  window.jixiaoPrint = true;
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target && target.closest && target.closest("[data-print]")) {
      window.print();
    }
  });
}
