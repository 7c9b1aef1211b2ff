import { TOKEN_BALANCE_SHORT } from "../../executeLiquidationCall.js";
import type { AaveReserve } from "../../types.js";
import { aaveRevert } from "../aaveRevert.js";

/**
 * The cash left after `amount` leaves a v3.0 reserve. Its strategy prices the rates on the aToken's
 * balance less the amount before the transfer, which underflows (panic 0x11) when the reserve has debt;
 * without debt (or without rates) the aToken's transfer of the underlying reverts instead.
 *
 * @throws {MathRevertError} panic 0x11, or the token's balance error.
 */
export function takeCashV30(reserve: AaveReserve, amount: bigint): bigint {
  const cash = reserve.cash ?? 0n;
  if (cash >= amount) return cash - amount;
  const debt = reserve.accrual?.totalScaledDebt ?? 0n;
  throw aaveRevert(reserve.accrual && debt > 0n ? "panic 0x11" : TOKEN_BALANCE_SHORT);
}
