/*
 * Deep zoom for a photograph page: OpenSeadragon reading our IIIF info.json.
 * Without scripts the page keeps its ordinary <picture>; with them, the viewer takes its place
 * once the image service has answered. No inline script anywhere (the CSP forbids it).
 */
(function () {
  "use strict";

  function start(container) {
    var fallback = document.getElementById(container.dataset.fallback);
    fetch(container.dataset.info, { headers: { Accept: "application/ld+json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("image information answered " + response.status); }
        return response.json();
      })
      .then(function (info) {
        container.hidden = false;
        // The viewer takes the photograph's shape (a style property set from script: CSP allows it).
        if (info.width && info.height) { container.style.setProperty("--ratio", info.width + " / " + info.height); }
        var viewer = OpenSeadragon({
          element: container,
          prefixUrl: container.dataset.controls,
          tileSources: tileSource(info),
          showNavigator: true,
          navigatorAutoFade: true,
          showRotationControl: false,
          crossOriginPolicy: "Anonymous",
          gestureSettingsMouse: { scrollToZoom: true },
          visibilityRatio: 1,
          minZoomImageRatio: 0.9
        });
        // OpenSeadragon's canvas takes the keyboard (+/- zoom, arrows pan, 0 home): name it.
        viewer.canvas.setAttribute("role", "application");
        viewer.canvas.setAttribute("aria-label", container.dataset.label);
        viewer.canvas.setAttribute("aria-describedby", container.dataset.help);
        viewer.addOnceHandler("open", function () {
          if (fallback) { fallback.hidden = true; }
          var help = document.getElementById(container.dataset.help);
          if (help) { help.hidden = false; }
          container.classList.add("is-ready");
        });
        viewer.addHandler("open-failed", function () {
          container.hidden = true;
          if (fallback) { fallback.hidden = false; }
        });
        container.osdViewer = viewer; // for tests and for anyone debugging in the console
      })
      .catch(function () {
        container.hidden = true; // the <picture> stays: nothing is lost
      });
  }

  // A service whose rights cap its size (maxWidth) is shown from its listed sizes, never from
  // full-resolution tiles it would refuse.
  function tileSource(info) {
    if (!info.maxWidth || !info.sizes || !info.sizes.length) { return info; }
    return {
      type: "legacy-image-pyramid",
      levels: info.sizes.map(function (size) {
        return { url: info.id + "/full/" + size.width + "," + size.height + "/0/default.jpg",
                 width: size.width, height: size.height };
      })
    };
  }

  function init() {
    if (typeof OpenSeadragon !== "function") { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".deep-zoom[data-info]"), start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
