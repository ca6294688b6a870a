import type { CniName } from '../model/ipam/cni.ts';
import { isSupportedOverlayPodCidr, OVERLAY_POD_CIDR_SUPPORT_RULE } from '../net/aks-address-rules.ts';
import { parseCidr } from '../net/cidr.ts';
import type { Scenario } from '../scenario/schema/scenario.ts';
import { scenarioVnet } from './pool-subnets.ts';

/** Something a user should know that does not stop the plan or the run (exit code 0). */
export interface ScenarioWarning {
  readonly code: string;
  readonly message: string;
}

/**
 * The warnings for one networking model of a valid scenario. `plan`, `validate` and `run` all print these, so a
 * scenario gets the same advice whichever command reads it.
 */
export function scenarioWarnings(s: Scenario, cni: CniName): ScenarioWarning[] {
  const warnings: ScenarioWarning[] = [];
  if (scenarioVnet(s) === null) {
    warnings.push({
      code: 'VnetNotGiven',
      message:
        'Subnets given without their VNet (--vnet, network.vnet): not checked that they lie inside it, nor the service CIDR (and the kubenet pod CIDR) against the whole VNet, only against the subnets; the managed VNet 10.224.0.0/12 is not assumed',
    });
  }
  const podCidr = parseCidr(s.network.podCidr);
  if (cni === 'overlay' && podCidr !== undefined && !isSupportedOverlayPodCidr(podCidr)) {
    warnings.push({ code: 'PodCidrNotPrivate', message: `Pod CIDR ${s.network.podCidr} is not inside a private range: ${OVERLAY_POD_CIDR_SUPPORT_RULE}` });
  }
  return warnings;
}

/** Each model's warnings as stderr lines, `<model>: warning: <code>: <message>`, in the scenario's model order. */
export function warningLines(s: Scenario, models: readonly CniName[] = s.cni): string[] {
  return models.flatMap((cni) => scenarioWarnings(s, cni).map((w) => `${cni}: warning: ${w.code}: ${w.message}`));
}
