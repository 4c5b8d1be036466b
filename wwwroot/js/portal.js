// The few browser facts the portal's server-side pages ask for.
window.konvrt = {
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
};
