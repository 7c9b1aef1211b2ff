import { z } from "zod";

// The field types the scenario and the DAO policy share (one definition, one error text).

/** A token symbol, unique in the scenario. */
export const symbol = z.string().regex(/^[A-Za-z0-9.+-]{1,16}$/, "a token symbol such as WETH or USDC");
/** A lower-case id of a pool, market or venue. */
export const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, "a lower-case id such as weth-usdc-5");
