/** The GEX feed's OpenAPI 3.1 document (GET /openapi.json). */
export function gexOpenApi(): Record<string, unknown> {
  const error = {
    description: "A JSON error",
    content: {
      "application/json": {
        schema: { type: "object", required: ["error"], properties: { error: { type: "string" } } },
      },
    },
  };
  const point = {
    type: "object",
    properties: {
      price: { type: "number" },
      gexUsdPer1Pct: { type: "number" },
      hedgeFlowPer1PctFall: { type: "number" },
    },
  };
  const snapshot = {
    type: "object",
    required: [
      "block",
      "timestamp",
      "spot",
      "netGexUsdPer1Pct",
      "gammaFlip",
      "profile",
      "perStrike",
      "provenance",
    ],
    properties: {
      block: { type: "string", description: "Block number (decimal string)." },
      timestamp: { type: "integer", description: "Block timestamp, seconds." },
      spot: {
        type: "number",
        description: "Underlying price from the reference pool, quote per underlying.",
      },
      oracle: { type: "number", description: "The underlying's oracle answer at that block, USD." },
      timeSeconds: { type: "number", description: "Seconds since the feed's first block (options age)." },
      netGexUsdPer1Pct: { type: "number", description: "Net dealer GEX at the spot, USD per 1% move." },
      dealerDelta: { type: "number" },
      hedgeFlowPer1PctFall: {
        type: "number",
        description: "Underlying dealers must trade after a 1% fall to stay neutral (+ buy, − sell).",
      },
      gammaFlip: { type: ["number", "null"], description: "Gamma Neutrality Price (root-found), USD." },
      callWall: { type: ["number", "null"] },
      putWall: { type: ["number", "null"] },
      profile: { type: "array", items: point },
      perStrike: {
        type: "array",
        items: {
          type: "object",
          properties: {
            strike: { type: "number" },
            callUsdPer1Pct: { type: "number" },
            putUsdPer1Pct: { type: "number" },
            netUsdPer1Pct: { type: "number" },
          },
        },
      },
      provenance: {
        type: "object",
        properties: {
          chainId: { type: "integer" },
          pool: { type: "string" },
          oracle: { type: "string" },
          books: { type: "string" },
          startTimestamp: { type: "integer" },
        },
      },
      computeMs: { type: "number" },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "DLCM GEX feed",
      version: "1",
      description:
        "Net dealer gamma exposure of the option books, recomputed at every block from the chain's reference pool: the profile over a price grid, per strike, the gamma flip, the walls and the hedge flow.",
    },
    paths: {
      "/v1/gex": {
        get: {
          summary: "The latest block's GEX snapshot",
          responses: {
            "200": { description: "The snapshot", content: { "application/json": { schema: snapshot } } },
            "503": error,
          },
        },
      },
      "/v1/gex/stream": {
        get: {
          summary: "Server-Sent Events: one `gex` event per block, in order (id: the block number)",
          responses: { "200": { description: "An event stream", content: { "text/event-stream": {} } } },
        },
      },
      "/metrics": {
        get: {
          summary: "Prometheus metrics",
          responses: { "200": { description: "Text exposition format", content: { "text/plain": {} } } },
        },
      },
      "/openapi.json": {
        get: { summary: "This document", responses: { "200": { description: "OpenAPI" } } },
      },
      "/": {
        get: {
          summary: "A live page plotting the profile and the flip",
          responses: { "200": { description: "HTML" } },
        },
      },
    },
  };
}
