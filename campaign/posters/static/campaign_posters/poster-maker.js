/* Poster maker: the preview follows the texts as you type (debounced); without JavaScript the button does it. */
(function () {
    "use strict";
    var form = document.querySelector("[data-poster-form]");
    var image = document.querySelector("[data-poster-preview]");
    if (!form || !image || !window.URLSearchParams) {
        return;
    }
    var status = document.querySelector("[data-poster-status]");
    var base = form.getAttribute("data-preview-base");
    var fields = ["headline", "subline", "organisation", "cta", "photo_token", "logo_token"];
    var timer = null;
    var current = "";

    function value(name) {
        var element = form.elements[name];
        if (!element) {
            return "";
        }
        if (element.length !== undefined && element.tagName === undefined) {
            for (var i = 0; i < element.length; i++) {
                if (element[i].checked) {
                    return element[i].value;
                }
            }
            return "";
        }
        return element.value;
    }

    function params(format, extra) {
        var query = new URLSearchParams();
        query.set("format", format);
        fields.forEach(function (name) {
            var v = value(name);
            if (v || name.indexOf("_token") === -1) {
                query.set(name, v);
            }
        });
        Object.keys(extra).forEach(function (key) {
            query.set(key, extra[key]);
        });
        return query.toString();
    }

    function say(message) {
        if (status) {
            status.textContent = message;
        }
    }

    function update() {
        var url = base + "?" + params(value("format"), { preview: "1" });
        if (url === current) {
            return;
        }
        current = url;
        image.src = url;
        image.alt = (image.getAttribute("data-alt-prefix") || "") + " " + value("headline");
        document.querySelectorAll("[data-poster-download]").forEach(function (link) {
            var ext = link.getAttribute("data-ext");
            link.href = base.replace(/png$/, ext) + "?" + params(link.getAttribute("data-format"), { download: "1" });
        });
    }

    image.addEventListener("load", function () {
        // Only a preview this script asked for clears the status: the first image of the page may finish loading
        // after this script runs, and must not erase what the server said about the submitted texts.
        if (current) {
            say("");
        }
    });
    image.addEventListener("error", function () {
        // Ask only for the reason (check=1 validates the texts without drawing the poster a second time).
        var failed = image.src;
        var check = new URL(failed, window.location.href);
        check.searchParams.delete("preview");
        check.searchParams.set("check", "1");
        window.fetch(check.toString(), { credentials: "same-origin" }).then(function (response) {
            return response.status === 204 ? "" : response.text();
        }).then(function (text) {
            if (failed === image.src && text) {
                say(text);
            }
        }).catch(function () {});
    });
    form.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(update, 500);
    });
    form.addEventListener("change", function (event) {
        if (event.target && event.target.name === "format") {
            update();
        }
    });
})();
