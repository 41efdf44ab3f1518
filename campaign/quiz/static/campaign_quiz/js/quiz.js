// Focus the new question (or the result) after each step, so a screen reader reads it out; an error summary
// takes focus instead (site.js).
(function () {
    "use strict";
    if (document.querySelector("[data-error-summary]")) {
        return;
    }
    var target = document.querySelector("[data-quiz-focus]");
    if (target) {
        target.focus();
    }
})();
