// A district website on another origin, for the embed tests and the counter bench: a
// local HTTP server whose pages are what the test puts at each path. It is reached as
// http://localhost:PORT while our server is http://127.0.0.1:PORT, so to the browser the
// two are different sites, as a district CMS and our deployment are.
import { once } from 'node:events';
import { createServer } from 'node:http';

export async function startEmbeddingSite() {
  const pages = new Map();
  const server = createServer((request, response) => {
    const html = pages.get(new URL(request.url, 'http://localhost').pathname);
    response.writeHead(html ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html ?? 'not found');
  });
  // Every address, IPv4 and IPv6: "localhost" may resolve to either.
  server.listen(0);
  await once(server, 'listening');
  return {
    origin: `http://localhost:${server.address().port}`,
    /// An old-style CMS page at `path` with `body` (our snippets) in it.
    put(path, title, body) {
      pages.set(
        path,
        `<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8">` +
          `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>` +
          `<link rel="icon" href="data:,"></head>` +
          `<body><h1>${title}</h1>${body}<p>页脚</p></body></html>`,
      );
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
