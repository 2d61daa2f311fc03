// The meeting mode's keys (ui/slides.py puts this into the presentation): arrow right, page down and space go
// forward, arrow left and page up back (a presenter's remote sends page up and down), F switches full screen.
// The keys press the slide's own buttons, so that the server moves the slide as on a click.
(() => {
  if (window.integrationsmonitorSlides) return; // once per browser tab
  window.integrationsmonitorSlides = true;
  const FORWARD = new Set(["ArrowRight", "PageDown", " "]);
  const BACK = new Set(["ArrowLeft", "PageUp"]);

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
    const key = FORWARD.has(event.key) ? "slide_next" : BACK.has(event.key) ? "slide_prev" : null;
    if (key) {
      const button = document.querySelector(`.st-key-${key} button`);
      if (!button) return; // not on the presentation
      event.preventDefault();
      button.click();
    } else if ((event.key === "f" || event.key === "F") && document.querySelector(".st-key-slide_next")) {
      event.preventDefault();
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen().catch(() => {});
    }
  });
})();
