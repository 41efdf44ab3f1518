/* After filtering (a normal GET form), move focus to the result count so screen readers announce it. */
(function () {
    "use strict";

    document.addEventListener("DOMContentLoaded", function () {
        var count = document.querySelector("[data-focus-on-load]");
        if (count && !window.location.hash) {
            count.focus();
        }
    });
})();
