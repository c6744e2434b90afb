/* pressbook: Web Workers for pages opened from the file system (file://), where browsers refuse to
   start a worker script. The worker runs in a hidden frame of the same page instead. Served over
   http(s), nothing is replaced. mkdocs-material's offline plugin looks for a polyfill whose name
   holds "iframe-worker": this file is it, so that no script is fetched from another origin. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function IFrameWorker(url) {
    var base = new URL(url, document.baseURI).href;
    var listeners = [];
    var pending = [];
    var worker = this;
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    (document.body || document.documentElement).appendChild(frame);
    var scope = frame.contentWindow;

    function deliver(data) {
      var event = new MessageEvent("message", { data: data });
      if (typeof worker.onmessage === "function") worker.onmessage(event);
      listeners.forEach(function (listener) { listener(event); });
    }

    function load(src) {
      return new Promise(function (resolve, reject) {
        var script = scope.document.createElement("script");
        script.src = new URL(src, base).href;
        script.onload = resolve;
        script.onerror = reject;
        scope.document.head.appendChild(script);
      });
    }

    // A message is a copy, both ways, as between a page and a real worker: Zensical's search sends the
    // state of its search box as the query, and its worker changes what it receives; sharing the
    // object, it emptied the box under the reader's typing (only the last letter typed stayed).
    scope.postMessage = function (data) {
      var copy = structuredClone(data);
      setTimeout(function () { deliver(copy); }, 0);
    };
    // A worker's importScripts runs its scripts in the order given (Lunr's languages need its stemmer
    // support first): each waits for the one before it, whichever arrives first.
    scope.importScripts = function () {
      return Array.prototype.reduce.call(arguments, function (previous, src) {
        return previous.then(function () { return load(src); });
      }, Promise.resolve());
    };
    load(base).then(function () {
      var queued = pending;
      pending = null;
      queued.forEach(function (data) { worker.postMessage(data); });
    }, function () {
      // A worker whose script cannot be read does nothing: said where a developer would look.
      console.error("pressbook: the script " + base + " could not be loaded");
    });

    this.postMessage = function (data) {
      if (pending) { pending.push(data); return; }
      scope.dispatchEvent(new scope.MessageEvent("message", { data: scope.structuredClone(data) }));
    };
    this.addEventListener = function (type, listener) { if (type === "message") listeners.push(listener); };
    this.removeEventListener = function (type, listener) {
      listeners = listeners.filter(function (other) { return other !== listener; });
    };
    this.terminate = function () { frame.remove(); };
  }

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
