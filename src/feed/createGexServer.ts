import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { GexFeed } from "./createGexFeed.js";
import { gexOpenApi } from "./gexOpenApi.js";
import { gexPage } from "./gexPage.js";

/** The feed's HTTP face: its address, how many stream clients it holds, and how to close it. */
export type GexServer = { url: string; clients(): number; close(): Promise<void> };

/**
 * Publishes a GEX feed over HTTP: `GET /v1/gex` (the latest block's snapshot, JSON; 503 before the first
 * block), `GET /v1/gex/stream` (Server-Sent Events, one `gex` event per block with the block number as its
 * id; a new client gets the latest at once), `GET /metrics` (Prometheus), `GET /openapi.json` and the live
 * page at `/`. Anything else is a 404 (405 for another method) with a JSON error; a request that fails is a
 * 500 with a JSON error, and the server goes on.
 *
 * @param feed - the feed.
 * @param parameters - the port (0: any free one) and host (default loopback).
 * @returns the server, listening.
 */
export async function createGexServer(
  feed: GexFeed,
  parameters: { port?: number; host?: string } = {},
): Promise<GexServer> {
  const streams = new Set<ServerResponse>();
  const requests = new Map<string, number>();
  const unsubscribe = feed.subscribe((event) => {
    // Encoded once: a string frame is encoded to UTF-8 again for every client (11 KB × 1,000 a block).
    const frame = Buffer.from(`id: ${event.block}\nevent: gex\ndata: ${JSON.stringify(event)}\n\n`);
    for (const res of streams) res.write(frame);
  });
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };
  const routes: Partial<Record<string, (req: IncomingMessage, res: ServerResponse) => void>> = {
    "/v1/gex": (_req, res) => {
      const latest = feed.latest();
      if (!latest) json(res, 503, { error: "no block computed yet; retry shortly" });
      else json(res, 200, latest);
    },
    "/v1/gex/stream": (req, res) => {
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      res.write("retry: 1000\n\n");
      const latest = feed.latest();
      if (latest) res.write(`id: ${latest.block}\nevent: gex\ndata: ${JSON.stringify(latest)}\n\n`);
      streams.add(res);
      req.on("close", () => streams.delete(res));
    },
    "/metrics": (_req, res) => {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(metrics(feed, streams.size, requests));
    },
    "/openapi.json": (_req, res) => json(res, 200, gexOpenApi()),
    // Browsers ask for it; nothing to show.
    "/favicon.ico": (_req, res) => {
      res.writeHead(204);
      res.end();
    },
    "/": (_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(gexPage());
    },
  };
  const server = createServer((req, res) => {
    try {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
      const key = route === undefined ? "other" : path;
      requests.set(key, (requests.get(key) ?? 0) + 1);
      if (route === undefined) return json(res, 404, { error: `no such path: ${path} (see /openapi.json)` });
      if (req.method !== "GET" && req.method !== "HEAD")
        return json(res, 405, { error: `${req.method} is not allowed on ${path}: GET only` });
      route(req, res);
    } catch (error) {
      if (!res.headersSent) json(res, 500, { error: error instanceof Error ? error.message : String(error) });
      else res.end();
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(parameters.port ?? 0, parameters.host ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    clients: () => streams.size,
    async close() {
      unsubscribe();
      for (const res of streams) res.end();
      streams.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

/** The Prometheus text exposition of the feed's state. */
function metrics(feed: GexFeed, clients: number, requests: ReadonlyMap<string, number>): string {
  const latest = feed.latest();
  const stats = feed.stats();
  const lines: string[] = [];
  const gauge = (name: string, help: string, value: number | undefined, type = "gauge") => {
    if (value === undefined || !Number.isFinite(value)) return;
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`);
  };
  gauge("dlcm_gex_block", "Newest block the feed computed.", latest ? Number(latest.block) : undefined);
  gauge("dlcm_gex_spot_usd", "Underlying price from the reference pool.", latest?.spot);
  gauge("dlcm_gex_oracle_usd", "Underlying price from its oracle.", latest?.oracle);
  gauge(
    "dlcm_gex_net_usd_per_1pct",
    "Net dealer GEX at the spot, USD per 1% move.",
    latest?.netGexUsdPer1Pct,
  );
  gauge("dlcm_gex_flip_usd", "Gamma flip (Gamma Neutrality Price).", latest?.gammaFlip ?? undefined);
  gauge(
    "dlcm_gex_hedge_flow_per_1pct_fall",
    "Underlying dealers trade after a 1% fall.",
    latest?.hedgeFlowPer1PctFall,
  );
  gauge("dlcm_gex_blocks_total", "Blocks computed.", stats.blocks, "counter");
  gauge("dlcm_gex_errors_total", "Failed block reads or computations (retried).", stats.errors, "counter");
  gauge("dlcm_gex_compute_seconds", "Time the last block's computation took.", stats.lastComputeMs / 1000);
  gauge("dlcm_gex_stream_clients", "Open Server-Sent Events clients.", clients);
  lines.push(
    "# HELP dlcm_gex_requests_total HTTP requests by path.",
    "# TYPE dlcm_gex_requests_total counter",
  );
  for (const [path, n] of requests) lines.push(`dlcm_gex_requests_total{path="${path}"} ${n}`);
  return `${lines.join("\n")}\n`;
}
