import type { CampaignStats } from "./types.js";

/** A campaign's counters before its first step. */
export function emptyCampaignStats(): CampaignStats {
  return {
    steps: 0,
    byKind: {},
    liquidations: {
      sent: 0,
      succeeded: 0,
      receiveAToken: 0,
      partial: 0,
      eMode: 0,
      multiAsset: 0,
      deficit: 0,
      cashShortReverts: 0,
    },
    reverts: {},
  };
}
