package org.govchain.node.kiosk;

import java.util.List;
import org.govchain.api.v1.Anchor;
import org.govchain.api.v1.MaterialPlan;
import org.govchain.api.v1.MaterialState;
import org.govchain.api.v1.PullPlan;
import org.govchain.api.v1.Reduction;
import org.govchain.core.codec.Canonical;
import org.govchain.node.chain.HostedChains;
import org.govchain.subchains.ChainKind;
import org.govchain.subchains.pull.MaterialOutcome;
import org.govchain.subchains.pull.PullResult;
import org.govchain.subchains.pull.Share;

/** The pull plan as the API answers it. */
final class PullPlans {
  private PullPlans() {}

  static PullPlan toProto(PullResult.Plan plan, List<Anchor> anchors, HostedChains chains) {
    PullPlan.Builder out =
        PullPlan.newBuilder()
            .setServiceItemCode(plan.item().getCode())
            .addAllAnchors(anchors)
            .setItemReduction(reduction(plan.itemReduction()))
            .setPullReduction(reduction(plan.pullReduction()))
            .setConsentChainId(chains.of(ChainKind.CONSENT).id().value());
    for (MaterialOutcome outcome : plan.outcomes()) {
      out.addMaterials(material(outcome));
    }
    plan.accessRecord()
        .ifPresent(record -> out.setAccessRecordPayload(Canonical.encodeToByteString(record)));
    return out.build();
  }

  private static Reduction reduction(Share share) {
    return Reduction.newBuilder()
        .setNumerator(share.numerator())
        .setDenominator(share.denominator())
        .build();
  }

  private static MaterialPlan material(MaterialOutcome outcome) {
    MaterialPlan.Builder out = MaterialPlan.newBuilder().setMaterialCode(outcome.materialCode());
    if (outcome instanceof MaterialOutcome.Found found) {
      out.setState(MaterialState.FOUND)
          .setLicenseId(found.licenseId())
          .addAllReleasedItems(found.releasedItems())
          .addAllWithheldItems(found.withheldItems())
          .setGrantId(found.grantId().toByteString())
          .setVaultDepartmentCode(found.vault().departmentCode());
    } else if (outcome instanceof MaterialOutcome.Missing missing) {
      out.setState(MaterialState.MISSING).setMissingReason(missing.reason().name());
    } else if (outcome instanceof MaterialOutcome.Refused refused) {
      out.setState(MaterialState.REFUSED)
          .setReason(refused.reason().name())
          .setMessage(refused.message());
    }
    return out.build();
  }
}
