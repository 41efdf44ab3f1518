/* "Waarderen" without a page reload. Without JavaScript the form posts and redirects back. */
(function () {
    "use strict";

    function enhance(form) {
        form.addEventListener("submit", function (event) {
            var button = form.querySelector("button[type=submit]");
            if (!button || !window.fetch) {
                return;
            }
            event.preventDefault();
            if (button.getAttribute("aria-disabled") === "true") {
                return;
            }
            button.disabled = true;
            fetch(form.action, {
                method: "POST",
                body: new FormData(form),
                credentials: "same-origin",
                headers: { Accept: "application/json" }
            })
                .then(function (response) {
                    return response.json();
                })
                .then(function (data) {
                    var status = form.querySelector("[data-appreciate-status]");
                    var count = form.querySelector("[data-appreciate-count]");
                    if (data.appreciated) {
                        var label = button.querySelector("[data-appreciate-label]");
                        if (label) {
                            label.textContent = button.getAttribute("data-appreciated-text");
                        }
                        button.setAttribute("aria-disabled", "true");
                        form.classList.add("appreciate--done");
                        if (count) {
                            count.textContent = data.count_text;
                        }
                    } else {
                        button.disabled = false;
                    }
                    if (status) {
                        status.textContent = data.message;
                    }
                })
                .catch(function () {
                    // Fall back to the normal form post.
                    form.submit();
                });
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.forEach.call(document.querySelectorAll("form[data-appreciate]"), enhance);
    });
})();
