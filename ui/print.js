// Printing a page (Ctrl+P; ui/printing.py puts this into every page): the charts are drawn for the screen's width,
// so before printing each plotly chart gets a viewBox and scales to the width of the paper; afterwards it gets
// its size back. The style sheet of ui/printing.py does the rest (no sidebar, no controls, A4).
(() => {
  if (window.integrationsmonitorPrint) return; // once per browser tab
  window.integrationsmonitorPrint = true;
  const CHARTS = ".js-plotly-plot .svg-container";

  const fit = () => {
    for (const container of document.querySelectorAll(CHARTS)) {
      const width = container.clientWidth, height = container.clientHeight;
      if (!width || !height || container.dataset.printSize) continue;
      container.dataset.printSize = JSON.stringify([container.style.width, container.style.height]);
      container.style.width = "100%";
      container.style.height = "auto";
      container.style.aspectRatio = `${width} / ${height}`;
      for (const svg of container.querySelectorAll("svg.main-svg")) {
        svg.dataset.printSize = JSON.stringify([svg.getAttribute("width"), svg.getAttribute("height")]);
        svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
        svg.setAttribute("width", "100%");
        svg.setAttribute("height", "100%");
      }
    }
  };

  const restore = () => {
    for (const container of document.querySelectorAll(CHARTS)) {
      if (!container.dataset.printSize) continue;
      [container.style.width, container.style.height] = JSON.parse(container.dataset.printSize);
      container.style.aspectRatio = "";
      delete container.dataset.printSize;
      for (const svg of container.querySelectorAll("svg.main-svg")) {
        if (!svg.dataset.printSize) continue;
        const [width, height] = JSON.parse(svg.dataset.printSize);
        svg.removeAttribute("viewBox");
        svg.setAttribute("width", width);
        svg.setAttribute("height", height);
        delete svg.dataset.printSize;
      }
    }
  };

  window.addEventListener("beforeprint", fit);
  window.addEventListener("afterprint", restore);
})();
