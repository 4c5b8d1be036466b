// The few browser facts and behaviours the portal's server-side pages ask for.
(() => {
    window.konvrt = {
        timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
        load: key => { try { return localStorage.getItem(key); } catch { return null; } },
        save: (key, value) => { try { localStorage.setItem(key, value); } catch { /* private mode: not remembered */ } },
    };

    // The skip link moves the focus itself: with <base href="/">, "#main" would otherwise navigate to the home page.
    document.addEventListener("click", event => {
        const link = event.target instanceof Element ? event.target.closest(".kv-skip-link") : null;
        if (link) {
            event.preventDefault();
            event.stopPropagation();
            document.getElementById("main")?.focus();
        }
    }, true);

    // Static pages (no live connection) copy with a plain button: data-copy-from names the element whose text to copy.
    document.addEventListener("click", async event => {
        const button = event.target instanceof Element ? event.target.closest("[data-copy-from]") : null;
        const source = button && document.getElementById(button.dataset.copyFrom);
        if (source) {
            await navigator.clipboard.writeText(source.textContent.trim());
            const label = button.querySelector(".mud-button-label") ?? button;
            label.textContent = button.dataset.copiedText || "Copied";
        }
    });

    // Enter in a dialog's one-line field does what the dialog's main button does, as in a form. The field's value is
    // committed first (a change event), so the button acts on what was typed.
    document.addEventListener("keydown", event => {
        const field = event.target;
        if (event.key !== "Enter" || event.isComposing || !(field instanceof HTMLInputElement) || field.readOnly
            || ["checkbox", "radio", "file", "range"].includes(field.type)) {
            return;
        }
        const submit = field.closest(".mud-dialog")?.querySelector("[data-dialog-submit]:not([disabled])");
        if (submit) {
            event.preventDefault();
            field.dispatchEvent(new Event("change", { bubbles: true }));
            submit.click();
        }
    });

    // The before/after slider moves on every drag without a round trip to the server: the range input's value
    // becomes the split's position.
    document.addEventListener("input", event => {
        const range = event.target;
        if (range instanceof HTMLInputElement && range.matches(".kv-split-range")) {
            range.closest(".kv-split")?.style.setProperty("--split", `${range.value}%`);
        }
    });
})();
