/* Search suggestions: WAI-ARIA 1.2 combobox with a listbox popup, on every input with data-search-suggest.
 * Progressive enhancement: without this script the search forms submit as usual. Its styles are in
 * search/css/search.css, which base.html links in the head of every page (hashed in production). */
(function () {
    "use strict";

    var TEXT = {
        label: "Suggesties",
        count: function (n) { return n === 1 ? "1 suggestie beschikbaar, gebruik de pijltjestoetsen." : n + " suggesties beschikbaar, gebruik de pijltjestoetsen."; },
        none: "Geen suggesties."
    };
    var counter = 0;

    function Combobox(input) {
        counter += 1;
        this.input = input;
        this.url = input.getAttribute("data-suggest-url") || "/zoeken/suggesties/";
        this.items = [];
        this.active = -1;
        this.timer = null;
        this.request = 0;

        var id = "search-suggest-" + counter;
        var wrapper = input.parentNode;
        if (!wrapper.classList.contains("search-suggest")) {
            wrapper = document.createElement("div");
            wrapper.className = "search-suggest";
            input.parentNode.insertBefore(wrapper, input);
            wrapper.appendChild(input);
        }
        this.list = document.createElement("ul");
        this.list.id = id + "-list";
        this.list.className = "search-suggest__list";
        this.list.setAttribute("role", "listbox");
        this.list.setAttribute("aria-label", TEXT.label);
        this.list.hidden = true;
        wrapper.appendChild(this.list);

        this.status = document.createElement("div");
        this.status.className = "visually-hidden";
        this.status.setAttribute("role", "status");
        this.status.setAttribute("aria-live", "polite");
        wrapper.appendChild(this.status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", this.list.id);
        input.setAttribute("autocomplete", "off");

        input.addEventListener("input", this.onInput.bind(this));
        input.addEventListener("keydown", this.onKeyDown.bind(this));
        input.addEventListener("blur", this.onBlur.bind(this));
        this.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
        this.list.addEventListener("click", this.onClick.bind(this));
    }

    Combobox.prototype.onInput = function () {
        var self = this;
        window.clearTimeout(this.timer);
        var value = this.input.value.trim();
        if (value.length < 2) { this.close(); return; }
        this.timer = window.setTimeout(function () { self.fetch(value); }, 150);
    };

    Combobox.prototype.fetch = function (value) {
        var self = this;
        var ticket = ++this.request;
        fetch(this.url + "?q=" + encodeURIComponent(value), { headers: { Accept: "application/json" } })
            .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
            .then(function (data) { if (ticket === self.request) { self.render(data.suggestions || []); } })
            .catch(function () { self.close(); });
    };

    Combobox.prototype.render = function (items) {
        var self = this;
        this.items = items;
        this.active = -1;
        this.input.removeAttribute("aria-activedescendant");
        this.list.textContent = "";
        items.forEach(function (item, index) {
            var option = document.createElement("li");
            option.id = self.list.id + "-" + index;
            option.className = "search-suggest__option";
            option.setAttribute("role", "option");
            option.setAttribute("aria-selected", "false");
            option.setAttribute("data-index", String(index));
            option.appendChild(document.createTextNode(item.title));
            if (item.type_label) {
                var type = document.createElement("small");
                type.textContent = item.type_label;
                option.appendChild(type);
            }
            self.list.appendChild(option);
        });
        if (items.length) {
            this.list.hidden = false;
            this.input.setAttribute("aria-expanded", "true");
            this.status.textContent = TEXT.count(items.length);
        } else {
            this.close();
            this.status.textContent = TEXT.none;
        }
    };

    Combobox.prototype.highlight = function (index) {
        var options = this.list.querySelectorAll("[role=option]");
        if (!options.length) { return; }
        if (index < 0) { index = options.length - 1; }
        if (index >= options.length) { index = 0; }
        options.forEach(function (option) { option.setAttribute("aria-selected", "false"); });
        options[index].setAttribute("aria-selected", "true");
        options[index].scrollIntoView({ block: "nearest" });
        this.input.setAttribute("aria-activedescendant", options[index].id);
        this.active = index;
    };

    Combobox.prototype.open = function () {
        if (this.items.length) {
            this.list.hidden = false;
            this.input.setAttribute("aria-expanded", "true");
        }
    };

    Combobox.prototype.close = function () {
        this.list.hidden = true;
        this.active = -1;
        this.input.setAttribute("aria-expanded", "false");
        this.input.removeAttribute("aria-activedescendant");
    };

    Combobox.prototype.go = function (index) {
        var item = this.items[index];
        if (item) { window.location.href = item.url; }
    };

    Combobox.prototype.onKeyDown = function (event) {
        var expanded = !this.list.hidden;
        switch (event.key) {
            case "ArrowDown":
                event.preventDefault();
                if (!expanded) { this.open(); }
                this.highlight(this.active + 1);
                break;
            case "ArrowUp":
                event.preventDefault();
                if (!expanded) { this.open(); }
                this.highlight(this.active - 1);
                break;
            case "Enter":
                if (expanded && this.active >= 0) {
                    event.preventDefault();
                    this.go(this.active);
                }
                break;
            case "Escape":
                if (expanded) {
                    event.preventDefault();
                    this.close();
                } else if (this.input.value) {
                    event.preventDefault();
                    this.input.value = "";
                }
                break;
            case "Tab":
                this.close();
                break;
            default:
                break;
        }
    };

    Combobox.prototype.onBlur = function () {
        var self = this;
        window.setTimeout(function () { self.close(); }, 100);
    };

    Combobox.prototype.onClick = function (event) {
        var option = event.target.closest("[role=option]");
        if (option) { this.go(Number(option.getAttribute("data-index"))); }
    };

    function init() {
        document.querySelectorAll("input[data-search-suggest]").forEach(function (input) {
            if (!input.hasAttribute("data-search-suggest-ready")) {
                input.setAttribute("data-search-suggest-ready", "");
                new Combobox(input);
            }
        });
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
