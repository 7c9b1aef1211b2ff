import { borrowV36 } from "../../model/lending/aave/pool/borrowV36.js";
import { liquidateV36 } from "../../model/lending/aave/pool/liquidateV36.js";
import { repayV36 } from "../../model/lending/aave/pool/repayV36.js";
import { setUseAsCollateralV36 } from "../../model/lending/aave/pool/setUseAsCollateralV36.js";
import { setUserEModeV36 } from "../../model/lending/aave/pool/setUserEModeV36.js";
import { supplyV36 } from "../../model/lending/aave/pool/supplyV36.js";
import { borrowV30 } from "../../model/lending/aave/pool/v30/borrowV30.js";
import { liquidateV30 } from "../../model/lending/aave/pool/v30/liquidateV30.js";
import { repayV30 } from "../../model/lending/aave/pool/v30/repayV30.js";
import { setUseAsCollateralV30 } from "../../model/lending/aave/pool/v30/setUseAsCollateralV30.js";
import { setUserEModeV30 } from "../../model/lending/aave/pool/v30/setUserEModeV30.js";
import { supplyV30 } from "../../model/lending/aave/pool/v30/supplyV30.js";
import { withdrawV30 } from "../../model/lending/aave/pool/v30/withdrawV30.js";
import { withdrawV36 } from "../../model/lending/aave/pool/withdrawV36.js";
import type { AavePoolModel } from "../../model/lending/aave/types.js";

/** The model's mirrors of the Pool's user actions for the pool's code: v3.0's own, or v3.6's (v3.7 too). */
export function poolActions(pool: Pick<AavePoolModel, "profile">) {
  return pool.profile === "v3.0"
    ? {
        supply: supplyV30,
        withdraw: withdrawV30,
        borrow: borrowV30,
        repay: repayV30,
        setUseAsCollateral: setUseAsCollateralV30,
        setUserEMode: setUserEModeV30,
        liquidate: liquidateV30,
      }
    : {
        supply: supplyV36,
        withdraw: withdrawV36,
        borrow: borrowV36,
        repay: repayV36,
        setUseAsCollateral: setUseAsCollateralV36,
        setUserEMode: setUserEModeV36,
        liquidate: liquidateV36,
      };
}
