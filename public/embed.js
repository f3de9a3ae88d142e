// The loader district websites include to embed our widgets:
//
//   <div data-huli-embed="/embed/counter?point=3" data-title="…" data-height="200"></div>
//   <script src="https://<our site>/embed.js" async></script>
//
// It turns each such div into an iframe of our site and keeps the frame as tall as the
// widget inside it. The widget tells its height through postMessage, and only after
// this page has said hello (when the frame loads, and when the widget says it is ready);
// messages are accepted only from our origin and from that very frame, and sent only
// to our origin. The staff console's embed page writes the
// snippet. Ours, MIT like the rest; a few lines need no library.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var ours = new URL(script.src).origin;
  var HELLO = 'huli-embed:hello';
  var READY = 'huli-embed:ready';
  var SIZE = 'huli-embed:size';
  var frames = [];

  function embed(placeholder) {
    var path = placeholder.getAttribute('data-huli-embed') || '';
    // Only our widgets: a path on our origin under /embed/, never another URL.
    if (path.indexOf('/embed/') !== 0) return;
    var frame = document.createElement('iframe');
    frame.src = ours + path;
    frame.title = placeholder.getAttribute('data-title') || '';
    frame.loading = 'lazy';
    frame.width = '100%';
    frame.height = placeholder.getAttribute('data-height') || '200';
    frame.style.display = 'block';
    frame.style.maxWidth = '100%';
    frame.style.border = '0';
    frame.addEventListener('load', function () {
      frame.contentWindow.postMessage(HELLO, ours);
    });
    placeholder.setAttribute('data-huli-embedded', '');
    placeholder.appendChild(frame);
    frames.push(frame);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== ours || !event.data) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow !== event.source) continue;
      if (event.data === READY) {
        event.source.postMessage(HELLO, ours);
      } else if (event.data.type === SIZE) {
        var height = Number(event.data.height);
        if (height > 0 && height < 20000) frames[i].height = String(Math.ceil(height));
      }
    }
  });

  var placeholders = document.querySelectorAll('[data-huli-embed]:not([data-huli-embedded])');
  for (var i = 0; i < placeholders.length; i++) embed(placeholders[i]);
})();
