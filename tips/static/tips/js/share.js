/* Turns the "copy link" link into a button that copies the address. Without JavaScript it stays a link. */
(function () {
    "use strict";

    function enhance(link) {
        if (!navigator.clipboard) {
            return;
        }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "share__copy";
        button.textContent = link.textContent;
        var status = link.closest(".share").querySelector("[data-copy-status]");
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(link.href).then(
                function () {
                    status.textContent = link.getAttribute("data-copied-text");
                },
                function () {
                    status.textContent = link.getAttribute("data-failed-text");
                }
            );
        });
        link.replaceWith(button);
    }

    document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.forEach.call(document.querySelectorAll("a[data-copy-link]"), enhance);
    });
})();
