// The guarded workflow buttons and required text boxes of the project page. (The Content-Security-
// Policy allows scripts from /static only, so the page carries no inline handlers.)
//  * a button with data-dialog="ID" opens the <dialog id=ID> (the confirmation listing open errors);
//    a button with data-close-dialog inside it closes the dialog without submitting anything;
//  * a required field with data-required-message says so in the page's language, not the browser's.
document.addEventListener("click", function (event) {
  var target = event.target;
  if (!target || !target.closest) { return; }
  var opener = target.closest("[data-dialog]");
  if (opener) {
    var dialog = document.getElementById(opener.getAttribute("data-dialog"));
    if (dialog && dialog.showModal) { dialog.showModal(); }
    return;
  }
  var closer = target.closest("[data-close-dialog]");
  if (closer) {
    var open = closer.closest("dialog");
    if (open) { open.close(); }
  }
});
document.addEventListener("invalid", function (event) {
  var field = event.target;
  var message = field && field.getAttribute ? field.getAttribute("data-required-message") : null;
  if (message && field.validity && field.validity.valueMissing) { field.setCustomValidity(message); }
}, true);
document.addEventListener("input", function (event) {
  var field = event.target;
  if (field && field.setCustomValidity && field.hasAttribute("data-required-message")) {
    field.setCustomValidity("");
  }
});
