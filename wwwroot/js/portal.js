// The few browser facts and behaviours the portal's server-side pages ask for.
(() => {
    const refuseToLeave = event => { event.preventDefault(); event.returnValue = ""; };

    window.konvrt = {
        timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
        load: key => { try { return localStorage.getItem(key); } catch { return null; } },
        save: (key, value) => { try { localStorage.setItem(key, value); } catch { /* private mode: not remembered */ } },
        // Uploads run over the live connection, which a full page load ends: the browser asks first.
        guardLeaving: busy => busy
            ? window.addEventListener("beforeunload", refuseToLeave)
            : window.removeEventListener("beforeunload", refuseToLeave),
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

    // The before/after slider moves on every drag without a round trip to the server: the range input's value
    // becomes the split's position.
    document.addEventListener("input", event => {
        const range = event.target;
        if (range instanceof HTMLInputElement && range.matches(".kv-split-range")) {
            range.closest(".kv-split")?.style.setProperty("--split", `${range.value}%`);
        }
    });
})();
