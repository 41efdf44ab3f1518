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
        say("");
    });
    image.addEventListener("error", function () {
        var failed = image.src;
        window.fetch(failed, { credentials: "same-origin" }).then(function (response) {
            return response.text();
        }).then(function (text) {
            if (failed === image.src) {
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
