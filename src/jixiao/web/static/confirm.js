// Asks before a button marked data-confirm submits its form. (The Content-Security-Policy allows
// scripts from /static only, so pages carry no inline onclick handlers.)
document.addEventListener("click", function (event) {
  var target = event.target;
  var button = target && target.closest ? target.closest("[data-confirm]") : null;
  if (button && !window.confirm(button.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
