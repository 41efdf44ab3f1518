// After a filter form is submitted, move focus to the result count so screen reader and keyboard users
// hear how many results there are and continue from there. Without JavaScript the filters work the same.
(function () {
    "use strict";
    var KEY = "expeditions:filters-submitted";
    var form = document.querySelector("[data-filter-form]");
    if (!form) {
        return;
    }
    form.addEventListener("submit", function () {
        try { window.sessionStorage.setItem(KEY, "1"); } catch (error) { /* storage unavailable: no focus move */ }
    });
    var submitted = false;
    try {
        submitted = window.sessionStorage.getItem(KEY) === "1";
        window.sessionStorage.removeItem(KEY);
    } catch (error) {
        submitted = false;
    }
    var count = document.getElementById("result-count");
    if (submitted && count) {
        count.focus();
    }
})();
